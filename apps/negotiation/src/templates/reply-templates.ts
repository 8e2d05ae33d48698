import { DisputeReason, formatMoney, type Money } from '@settle/contracts';
import type { Language } from '../tone/phrases';

/**
 * Reply templates per reason × locale. Each follows the communication rules of docs/DOMAIN.md: calm the buyer first
 * (greeting, apology, empathy), show the case was understood and analysed (steps 1–2), put candidate resolutions
 * on the table (step 3) and end on a concrete next step. `steps` tells the seller what to weigh before sending
 * (steps 4–6: the buyer's likely reaction, the platform's likely ruling, the decision). Placeholders are
 * `{{name}}`; `fillTemplate` replaces the ones the dispute knows and lists the others.
 */
export const TEMPLATE_LOCALES: readonly Language[] = ['en', 'es', 'fr', 'pt', 'ru'];
export const TEMPLATE_PLACEHOLDERS = ['orderId', 'refundAmount', 'carrier', 'trackingNumber'] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

export interface ReplyTemplate {
  reason: DisputeReason;
  locale: Language;
  subject: string;
  body: string;
  /** The six handling steps of docs/DOMAIN.md, as guidance for this reason (for the seller, not the buyer). */
  steps: string[];
}

const STEPS: Record<DisputeReason, string[]> = {
  NOT_RECEIVED: [
    '1. Understand: read the reason, the sub-reason and the latest tracking scan.',
    '2. Analyse: is the parcel delivered with proof, still in transit, held at customs, or lost?',
    '3. Prepare: a resend, a refund, or more time with fresh tracking for a parcel still moving.',
    '4. Buyer: a buyer without news wants certainty; a date and a tracking link calm most cases.',
    '5. Platform: delivered with proof usually goes the seller’s way; no scan for weeks goes the buyer’s way.',
    '6. Decide, and answer before the seller-response deadline.',
  ],
  NOT_AS_DESCRIBED: [
    '1. Understand: compare the buyer’s evidence with the listing as it was when the order was paid.',
    '2. Analyse: did the listing audit flag the attribute the buyer complains about?',
    '3. Prepare: a partial refund, a return and refund, or a replacement.',
    '4. Buyer: a buyer with photos expects an acknowledgement first, then a choice.',
    '5. Platform: a flagged attribute or a counterfeit claim usually goes the buyer’s way.',
    '6. Decide, fix the listing, and answer before the seller-response deadline.',
  ],
  SELLER_REFUSED_SALE: [
    '1. Understand: was the order not shipped, or was a higher price asked after payment?',
    '2. Analyse: check the listing’s sale unit and price against your similar listings.',
    '3. Prepare: ship at the paid price, or a full refund with an apology.',
    '4. Buyer: a buyer who paid a published price expects it honoured.',
    '5. Platform: a refused sale almost always goes the buyer’s way and counts against the seller.',
    '6. Decide, correct the listing so no one else orders it, and answer promptly.',
  ],
  BUYER_REASON: [
    '1. Understand: the buyer changed their mind (ordered by mistake, no longer needed).',
    '2. Analyse: is the item unused and can it be returned at reasonable cost?',
    '3. Prepare: a return and refund, an exchange for the right variant, or a partial refund.',
    '4. Buyer: a friendly answer keeps a customer who may order again.',
    '5. Platform: without a fault on the seller’s side, a return at the buyer’s cost is the usual outcome.',
    '6. Decide, and answer before the seller-response deadline.',
  ],
};

type Texts = Record<DisputeReason, { subject: string; body: string }>;

const EN: Texts = {
  NOT_RECEIVED: {
    subject: 'About your order {{orderId}}',
    body:
      'Hello, and thank you for contacting us.\n\n' +
      'I am sorry that your order {{orderId}} has not reached you yet; I understand how frustrating the wait is.\n\n' +
      'I have checked the shipment: it travels with {{carrier}} under tracking number {{trackingNumber}}, and I ' +
      'have asked the carrier for the latest status.\n\n' +
      'Here is what I can offer: I can send you a replacement at no cost, or refund you {{refundAmount}}. ' +
      'Please tell me which you prefer, and I will take care of it today.\n\n' +
      'Kind regards',
  },
  NOT_AS_DESCRIBED: {
    subject: 'About your order {{orderId}}',
    body:
      'Hello, and thank you for the photos and the details.\n\n' +
      'I am sorry that the item from order {{orderId}} does not match what you expected; I understand your ' +
      'disappointment.\n\n' +
      'I have compared your photos with our listing and I am correcting the listing so it describes the item ' +
      'exactly.\n\n' +
      'Here is what I can offer: a refund of {{refundAmount}}, or a return with a full refund, or a replacement. ' +
      'Please tell me which option suits you best, and I will arrange it right away.\n\n' +
      'Kind regards',
  },
  SELLER_REFUSED_SALE: {
    subject: 'About your order {{orderId}}',
    body:
      'Hello, and thank you for your patience.\n\n' +
      'I sincerely apologise for the trouble with your order {{orderId}}. You paid the price shown, and that is ' +
      'the price that counts.\n\n' +
      'I have reviewed the listing and corrected it so this cannot happen again.\n\n' +
      'Here is what I can offer: I can ship your order at the price you paid, or refund you {{refundAmount}} in ' +
      'full. Please tell me which you prefer, and I will act on it today.\n\n' +
      'Kind regards',
  },
  BUYER_REASON: {
    subject: 'About your order {{orderId}}',
    body:
      'Hello, and thank you for letting us know.\n\n' +
      'I understand that the item from order {{orderId}} is not what you need, and I am happy to help.\n\n' +
      'I have checked your order and a return is possible as long as the item is unused.\n\n' +
      'Here is what I can offer: a return with a refund of {{refundAmount}}, or an exchange for another variant. ' +
      'Please tell me which you prefer, and I will send you the return details.\n\n' +
      'Kind regards',
  },
};

const ES: Texts = {
  NOT_RECEIVED: {
    subject: 'Sobre su pedido {{orderId}}',
    body:
      'Hola, y gracias por escribirnos.\n\n' +
      'Lamentamos que su pedido {{orderId}} todavía no haya llegado; entendemos lo frustrante que es la espera.\n\n' +
      'Hemos revisado el envío: viaja con {{carrier}} con el número de seguimiento {{trackingNumber}}, y hemos ' +
      'pedido al transportista el estado más reciente.\n\n' +
      'Le proponemos dos opciones: enviarle un reemplazo sin coste o reembolsarle {{refundAmount}}. ' +
      'Por favor, díganos cuál prefiere y nos encargaremos hoy mismo.\n\n' +
      'Un cordial saludo',
  },
  NOT_AS_DESCRIBED: {
    subject: 'Sobre su pedido {{orderId}}',
    body:
      'Hola, y gracias por las fotos y los detalles.\n\n' +
      'Lamentamos que el artículo del pedido {{orderId}} no corresponda a lo que esperaba; entendemos su ' +
      'decepción.\n\n' +
      'Hemos comparado sus fotos con el anuncio y lo estamos corrigiendo para que describa el artículo con ' +
      'exactitud.\n\n' +
      'Le proponemos: un reembolso de {{refundAmount}}, una devolución con reembolso completo o un reemplazo. ' +
      'Por favor, díganos qué opción le conviene y lo organizaremos enseguida.\n\n' +
      'Un cordial saludo',
  },
  SELLER_REFUSED_SALE: {
    subject: 'Sobre su pedido {{orderId}}',
    body:
      'Hola, y gracias por su paciencia.\n\n' +
      'Le pedimos sinceras disculpas por el problema con su pedido {{orderId}}. Usted pagó el precio publicado y ' +
      'ese es el precio que cuenta.\n\n' +
      'Hemos revisado el anuncio y lo hemos corregido para que esto no vuelva a ocurrir.\n\n' +
      'Le proponemos: enviar su pedido al precio que pagó, o reembolsarle {{refundAmount}} íntegramente. ' +
      'Por favor, díganos qué prefiere y lo haremos hoy.\n\n' +
      'Un cordial saludo',
  },
  BUYER_REASON: {
    subject: 'Sobre su pedido {{orderId}}',
    body:
      'Hola, y gracias por avisarnos.\n\n' +
      'Entendemos que el artículo del pedido {{orderId}} no es lo que necesita, y con gusto le ayudamos.\n\n' +
      'Hemos revisado su pedido y la devolución es posible si el artículo está sin usar.\n\n' +
      'Le proponemos: una devolución con reembolso de {{refundAmount}}, o un cambio por otra variante. ' +
      'Por favor, díganos qué prefiere y le enviaremos los datos para la devolución.\n\n' +
      'Un cordial saludo',
  },
};

const FR: Texts = {
  NOT_RECEIVED: {
    subject: 'À propos de votre commande {{orderId}}',
    body:
      'Bonjour, et merci de nous avoir contactés.\n\n' +
      'Nous sommes désolés que votre commande {{orderId}} ne vous soit pas encore parvenue ; nous comprenons ' +
      'combien l’attente est pénible.\n\n' +
      'Nous avons vérifié l’envoi : il voyage avec {{carrier}} sous le numéro de suivi {{trackingNumber}}, et nous ' +
      'avons demandé le dernier statut au transporteur.\n\n' +
      'Nous vous proposons deux solutions : un renvoi gratuit, ou un remboursement de {{refundAmount}}. ' +
      'Merci de nous dire laquelle vous préférez ; nous nous en occupons dès aujourd’hui.\n\n' +
      'Bien cordialement',
  },
  NOT_AS_DESCRIBED: {
    subject: 'À propos de votre commande {{orderId}}',
    body:
      'Bonjour, et merci pour les photos et les précisions.\n\n' +
      'Nous sommes désolés que l’article de la commande {{orderId}} ne corresponde pas à vos attentes ; nous ' +
      'comprenons votre déception.\n\n' +
      'Nous avons comparé vos photos avec l’annonce et nous la corrigeons pour qu’elle décrive l’article exactement.\n\n' +
      'Nous vous proposons : un remboursement de {{refundAmount}}, un retour avec remboursement complet, ou un ' +
      'remplacement. Merci de nous indiquer l’option qui vous convient ; nous l’organisons aussitôt.\n\n' +
      'Bien cordialement',
  },
  SELLER_REFUSED_SALE: {
    subject: 'À propos de votre commande {{orderId}}',
    body:
      'Bonjour, et merci de votre patience.\n\n' +
      'Nous vous présentons nos sincères excuses pour le souci avec votre commande {{orderId}}. Vous avez payé ' +
      'le prix affiché, et c’est ce prix qui compte.\n\n' +
      'Nous avons revu l’annonce et l’avons corrigée pour que cela ne se reproduise plus.\n\n' +
      'Nous vous proposons : l’envoi de votre commande au prix payé, ou le remboursement intégral de ' +
      '{{refundAmount}}. Merci de nous dire ce que vous préférez ; nous agirons dès aujourd’hui.\n\n' +
      'Bien cordialement',
  },
  BUYER_REASON: {
    subject: 'À propos de votre commande {{orderId}}',
    body:
      'Bonjour, et merci de nous avoir prévenus.\n\n' +
      'Nous comprenons que l’article de la commande {{orderId}} ne vous convient pas, et nous allons vous aider ' +
      'avec plaisir.\n\n' +
      'Nous avons vérifié votre commande : un retour est possible si l’article n’a pas été utilisé.\n\n' +
      'Nous vous proposons : un retour avec remboursement de {{refundAmount}}, ou un échange contre une autre ' +
      'variante. Merci de nous dire ce que vous préférez ; nous vous enverrons les instructions de retour.\n\n' +
      'Bien cordialement',
  },
};

const PT: Texts = {
  NOT_RECEIVED: {
    subject: 'Sobre o seu pedido {{orderId}}',
    body:
      'Olá, e obrigado por entrar em contato.\n\n' +
      'Lamentamos que o seu pedido {{orderId}} ainda não tenha chegado; entendemos como a espera é frustrante.\n\n' +
      'Verificamos o envio: ele segue com {{carrier}} sob o código de rastreio {{trackingNumber}}, e pedimos à ' +
      'transportadora o status mais recente.\n\n' +
      'Propomos duas opções: enviar um substituto sem custo, ou reembolsar {{refundAmount}}. ' +
      'Por favor, diga-nos qual prefere e cuidaremos disso hoje mesmo.\n\n' +
      'Atenciosamente',
  },
  NOT_AS_DESCRIBED: {
    subject: 'Sobre o seu pedido {{orderId}}',
    body:
      'Olá, e obrigado pelas fotos e pelos detalhes.\n\n' +
      'Lamentamos que o item do pedido {{orderId}} não corresponda ao que esperava; entendemos a sua decepção.\n\n' +
      'Comparamos as suas fotos com o anúncio e estamos corrigindo-o para que descreva o item com exatidão.\n\n' +
      'Propomos: um reembolso de {{refundAmount}}, uma devolução com reembolso total, ou um substituto. ' +
      'Por favor, diga-nos qual opção prefere e providenciaremos imediatamente.\n\n' +
      'Atenciosamente',
  },
  SELLER_REFUSED_SALE: {
    subject: 'Sobre o seu pedido {{orderId}}',
    body:
      'Olá, e obrigado pela paciência.\n\n' +
      'Pedimos sinceras desculpas pelo problema com o seu pedido {{orderId}}. Você pagou o preço anunciado, e é ' +
      'esse o preço que vale.\n\n' +
      'Revisamos o anúncio e o corrigimos para que isto não volte a acontecer.\n\n' +
      'Propomos: enviar o seu pedido pelo preço pago, ou reembolsar {{refundAmount}} integralmente. ' +
      'Por favor, diga-nos o que prefere e faremos isso hoje.\n\n' +
      'Atenciosamente',
  },
  BUYER_REASON: {
    subject: 'Sobre o seu pedido {{orderId}}',
    body:
      'Olá, e obrigado por nos avisar.\n\n' +
      'Entendemos que o item do pedido {{orderId}} não é o que precisa, e teremos prazer em ajudar.\n\n' +
      'Verificamos o seu pedido: a devolução é possível se o item não tiver sido usado.\n\n' +
      'Propomos: uma devolução com reembolso de {{refundAmount}}, ou uma troca por outra variante. ' +
      'Por favor, diga-nos o que prefere e enviaremos as instruções de devolução.\n\n' +
      'Atenciosamente',
  },
};

const RU: Texts = {
  NOT_RECEIVED: {
    subject: 'О вашем заказе {{orderId}}',
    body:
      'Здравствуйте! Спасибо, что написали нам.\n\n' +
      'Приносим извинения за то, что заказ {{orderId}} до сих пор не дошёл; понимаем, как неприятно ожидание.\n\n' +
      'Мы проверили отправление: оно идёт через {{carrier}}, номер отслеживания {{trackingNumber}}, и мы ' +
      'запросили у перевозчика последний статус.\n\n' +
      'Предлагаем два варианта: бесплатно отправить замену или вернуть вам {{refundAmount}}. ' +
      'Пожалуйста, сообщите, что вам удобнее, и мы займёмся этим сегодня же.\n\n' +
      'С уважением',
  },
  NOT_AS_DESCRIBED: {
    subject: 'О вашем заказе {{orderId}}',
    body:
      'Здравствуйте! Спасибо за фотографии и подробности.\n\n' +
      'Приносим извинения за то, что товар из заказа {{orderId}} не соответствует ожиданиям; понимаем ваше ' +
      'разочарование.\n\n' +
      'Мы сравнили ваши фотографии с объявлением и исправляем его, чтобы оно точно описывало товар.\n\n' +
      'Предлагаем: вернуть вам {{refundAmount}}, оформить возврат с полным возмещением или отправить замену. ' +
      'Пожалуйста, сообщите, какой вариант вам подходит, и мы сразу всё организуем.\n\n' +
      'С уважением',
  },
  SELLER_REFUSED_SALE: {
    subject: 'О вашем заказе {{orderId}}',
    body:
      'Здравствуйте! Спасибо за терпение.\n\n' +
      'Приносим искренние извинения за проблему с заказом {{orderId}}. Вы оплатили указанную цену, и именно она ' +
      'действует.\n\n' +
      'Мы проверили объявление и исправили его, чтобы такое больше не повторилось.\n\n' +
      'Предлагаем: отправить заказ по оплаченной цене или полностью вернуть вам {{refundAmount}}. ' +
      'Пожалуйста, сообщите, что вы предпочитаете, и мы сделаем это сегодня.\n\n' +
      'С уважением',
  },
  BUYER_REASON: {
    subject: 'О вашем заказе {{orderId}}',
    body:
      'Здравствуйте! Спасибо, что сообщили.\n\n' +
      'Понимаем, что товар из заказа {{orderId}} вам не подошёл, и с радостью поможем.\n\n' +
      'Мы проверили заказ: возврат возможен, если товар не использовался.\n\n' +
      'Предлагаем: возврат с возмещением {{refundAmount}} или обмен на другой вариант. ' +
      'Пожалуйста, сообщите, что вам удобнее, и мы отправим инструкции по возврату.\n\n' +
      'С уважением',
  },
};

const TEXTS: Record<Language, Texts> = { en: EN, es: ES, fr: FR, pt: PT, ru: RU };

export function replyTemplates(filter: { reason?: DisputeReason; locale?: Language } = {}): ReplyTemplate[] {
  return TEMPLATE_LOCALES.filter((locale) => !filter.locale || filter.locale === locale).flatMap((locale) =>
    (Object.keys(STEPS) as DisputeReason[])
      .filter((reason) => !filter.reason || filter.reason === reason)
      .map((reason) => ({ reason, locale, ...TEXTS[locale][reason], steps: STEPS[reason] })),
  );
}

/** The buyer's locale tag (`pt-BR`, `fr`) to a template locale; English when Settle has none for it. */
export function templateLocaleOf(tag: string | undefined): Language {
  const [language = 'en'] = (tag ?? 'en').toLowerCase().split(/[-_]/);
  return (TEMPLATE_LOCALES as readonly string[]).includes(language) ? (language as Language) : 'en';
}

export interface TemplateValues {
  orderId?: string;
  refund?: Money;
  carrier?: string;
  trackingNumber?: string;
}

export interface FilledTemplate extends ReplyTemplate {
  /** Placeholders still in the text (the dispute does not know them). */
  unfilled: TemplatePlaceholder[];
}

export function fillTemplate(template: ReplyTemplate, values: TemplateValues): FilledTemplate {
  const known: Partial<Record<TemplatePlaceholder, string>> = {
    orderId: values.orderId,
    refundAmount: values.refund ? formatMoney(values.refund) : undefined,
    carrier: values.carrier,
    trackingNumber: values.trackingNumber,
  };
  const replace = (text: string) =>
    text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => known[name as TemplatePlaceholder] ?? whole);
  const subject = replace(template.subject);
  const body = replace(template.body);
  const unfilled = TEMPLATE_PLACEHOLDERS.filter((name) => `${subject}\n${body}`.includes(`{{${name}}}`));
  return { ...template, subject, body, unfilled };
}
