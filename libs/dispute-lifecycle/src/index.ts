export * from './domain';
export * from './rejections';
export {
  BusinessCalendar,
  businessCalendar,
  ceilToLocalMidnight,
  DAY_MS,
  isKnownCountry,
  isValidTimeZone,
  UnknownCountryError,
  UnknownTimeZoneError,
} from './calendar';
export * from './duration';
export * from './policy';
export * from './events';
export * from './commands';
export * from './lifecycle';
