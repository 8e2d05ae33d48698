export * from './address-policy';
export * from './ip-address';
export * from './outbound-guard';
