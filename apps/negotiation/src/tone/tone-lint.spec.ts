import { FORBIDDEN_PHRASES, LANGUAGES, type ForbiddenPhrase, type Language } from './phrases';
import { lintMessage, ToneRule } from './tone-lint';

/** Each forbidden phrase as a seller might write it: two variants per language (case, contractions, punctuation, accents). */
const SAMPLES: Record<Language, Record<ForbiddenPhrase, string[]>> = {
  en: {
    YOU_DONT_SEEM_TO_UNDERSTAND: ["You don't seem to understand the listing.", 'YOU DO NOT SEEM TO UNDERSTAND'],
    YOU_MUST_BE_CONFUSED: ['You must be confused, the parcel left.', 'you’re confused'],
    YOU_SHOULD_HAVE: ['You should have read the size chart.', "you should've checked"],
    WE_NEVER: ['We never send broken items.', "We've never had this."],
    THATS_IMPOSSIBLE: ["That's impossible.", 'that is... impossible'],
    YOU_ARE_WRONG: ['You are wrong about the colour.', 'youre WRONG'],
    NOBODY_HAS_COMPLAINED: ['Nobody has complained before.', "No one's ever complained about it"],
    COMPANY_POLICY: ["That's company policy.", 'It is our company policy'],
    I_DONT_KNOW: ["I don't know where it is.", 'i dont know'],
    NOT_MY_PROBLEM: ["That's not my problem.", 'it is not our problem'],
    WE_ARE_NOT_RESPONSIBLE: ['We are not responsible for customs.', "we're NOT responsible"],
    ALWAYS_DONE_IT_THIS_WAY: ['We have always done it this way.', "we've always done it that way"],
    THATS_YOUR_DECISION: ["That's your decision.", 'it is your call'],
    ABSOLUTELY_NOT: ['Absolutely not.', 'Never!'],
  },
  es: {
    YOU_DONT_SEEM_TO_UNDERSTAND: ['Usted no parece entender el anuncio.', 'Parece que no entiendes'],
    YOU_MUST_BE_CONFUSED: ['Debe estar confundido.', 'DEBES DE ESTAR CONFUNDIDA'],
    YOU_SHOULD_HAVE: ['Debería haber leído la descripción.', 'tendrias que haber preguntado'],
    WE_NEVER: ['Nosotros nunca enviamos productos rotos.', 'Nunca hemos tenido quejas'],
    THATS_IMPOSSIBLE: ['Eso es imposible.', 'es IMPOSIBLE'],
    YOU_ARE_WRONG: ['Usted está equivocado.', 'no tienes razón'],
    NOBODY_HAS_COMPLAINED: ['Nadie se ha quejado antes.', 'nadie se quejó'],
    COMPANY_POLICY: ['Es la política de la empresa.', 'politica de la compañia'],
    I_DONT_KNOW: ['Yo no sé dónde está.', 'No lo sé.'],
    NOT_MY_PROBLEM: ['No es mi problema.', 'no es problema nuestro'],
    WE_ARE_NOT_RESPONSIBLE: ['No somos responsables de la aduana.', 'no nos hacemos responsables'],
    ALWAYS_DONE_IT_THIS_WAY: ['Siempre lo hemos hecho así.', 'siempre lo hemos hecho de esta manera'],
    THATS_YOUR_DECISION: ['Es su decisión.', 'la decisión es tuya'],
    ABSOLUTELY_NOT: ['Absolutamente no.', '¡Nunca!'],
  },
  fr: {
    YOU_DONT_SEEM_TO_UNDERSTAND: ['Vous ne semblez pas comprendre.', 'tu ne comprends pas'],
    YOU_MUST_BE_CONFUSED: ['Vous devez être confus.', 'vous devez vous tromper'],
    YOU_SHOULD_HAVE: ['Vous auriez dû lire la description.', 'il vous aurait fallu demander'],
    WE_NEVER: ["Nous n'avons jamais eu ce problème.", 'nous ne faisons jamais ça'],
    THATS_IMPOSSIBLE: ["C'est impossible.", 'c’est IMPOSSIBLE'],
    YOU_ARE_WRONG: ['Vous avez tort.', 'vous vous trompez'],
    NOBODY_HAS_COMPLAINED: ["Personne ne s'est jamais plaint.", 'personne ne s’est plaint avant'],
    COMPANY_POLICY: ["C'est la politique de l'entreprise.", 'la politique de la société'],
    I_DONT_KNOW: ['Je ne sais pas où est le colis.', 'je sais pas'],
    NOT_MY_PROBLEM: ["Ce n'est pas mon problème.", "c'est pas notre souci"],
    WE_ARE_NOT_RESPONSIBLE: ['Nous ne sommes pas responsables de la douane.', "on n'est pas responsable"],
    ALWAYS_DONE_IT_THIS_WAY: ['Nous avons toujours fait comme ça.', 'on a toujours fait ainsi'],
    THATS_YOUR_DECISION: ["C'est votre décision.", "c'est ta decision"],
    ABSOLUTELY_NOT: ['Absolument pas.', 'Jamais !'],
  },
  pt: {
    YOU_DONT_SEEM_TO_UNDERSTAND: ['Você não parece entender o anúncio.', 'parece que voce nao entende'],
    YOU_MUST_BE_CONFUSED: ['Você deve estar confuso.', 'VOCÊ ESTÁ CONFUSA'],
    YOU_SHOULD_HAVE: ['Você deveria ter lido a descrição.', 'devia ter perguntado'],
    WE_NEVER: ['Nós nunca enviamos itens quebrados.', 'nunca fizemos isso'],
    THATS_IMPOSSIBLE: ['Isso é impossível.', 'isso nao e possivel'],
    YOU_ARE_WRONG: ['Você está errado.', 'nao tem razao'],
    NOBODY_HAS_COMPLAINED: ['Ninguém reclamou antes.', 'ninguem nunca se queixou'],
    COMPANY_POLICY: ['É a política da empresa.', 'politica da loja'],
    I_DONT_KNOW: ['Eu não sei onde está.', 'nao sei'],
    NOT_MY_PROBLEM: ['Não é meu problema.', 'nao e problema nosso'],
    WE_ARE_NOT_RESPONSIBLE: ['Não somos responsáveis pela alfândega.', 'nao nos responsabilizamos'],
    ALWAYS_DONE_IT_THIS_WAY: ['Sempre fizemos assim.', 'sempre fizemos desse jeito'],
    THATS_YOUR_DECISION: ['É sua decisão.', 'a decisão é sua'],
    ABSOLUTELY_NOT: ['Absolutamente não.', 'De jeito nenhum!'],
  },
  ru: {
    YOU_DONT_SEEM_TO_UNDERSTAND: ['Вы, кажется, не понимаете.', 'ты не понимаешь'],
    YOU_MUST_BE_CONFUSED: ['Вы, должно быть, запутались.', 'вы что-то путаете'],
    YOU_SHOULD_HAVE: ['Вам следовало прочитать описание.', 'Вы должны были спросить'],
    WE_NEVER: ['Мы никогда не отправляем брак.', 'МЫ НИКОГДА'],
    THATS_IMPOSSIBLE: ['Это невозможно.', 'такое невозможно!'],
    YOU_ARE_WRONG: ['Вы не правы.', 'вы ошибаетесь'],
    NOBODY_HAS_COMPLAINED: ['Никто раньше не жаловался.', 'никто ещё не жаловался'],
    COMPANY_POLICY: ['Такова политика компании.', 'это политика магазина'],
    I_DONT_KNOW: ['Я не знаю, где посылка.', 'не знаю'],
    NOT_MY_PROBLEM: ['Это не моя проблема.', 'не наши проблемы'],
    WE_ARE_NOT_RESPONSIBLE: ['Мы не несём ответственности за таможню.', 'мы не отвечаем за доставку'],
    ALWAYS_DONE_IT_THIS_WAY: ['Мы всегда так делали.', 'мы всегда делали это так'],
    THATS_YOUR_DECISION: ['Это ваше решение.', 'решать вам'],
    ABSOLUTELY_NOT: ['Абсолютно нет.', 'Ни в коем случае!'],
  },
};

describe('tone lint', () => {
  describe.each(LANGUAGES)('forbidden phrases in %s', (language) => {
    it.each(FORBIDDEN_PHRASES)('finds %s in every variant, with its span and a rewrite', (phrase) => {
      for (const sample of SAMPLES[language][phrase]) {
        const body = `Hello. ${sample} We will help.`;
        const report = lintMessage(body);
        const finding = report.findings.find((candidate) => candidate.rule === `FORBIDDEN_PHRASE:${phrase}`);
        expect({ sample, found: finding !== undefined }).toEqual({ sample, found: true });
        expect(report.ok).toBe(false);
        expect(finding!.span.start).toBeGreaterThanOrEqual('Hello. '.length);
        expect(finding!.span.end).toBeLessThanOrEqual('Hello. '.length + sample.length);
        expect(body.slice(finding!.span.start, finding!.span.end)).toBe(finding!.excerpt);
        expect(finding!.suggestion.length).toBeGreaterThan(5);
      }
    });
  });

  it('reports the exact span of the words as written', () => {
    const body = 'Hi! Honestly, THAT’S  impossible, sorry.';
    const [finding] = lintMessage(body).findings;
    expect(finding?.rule).toBe('FORBIDDEN_PHRASE:THATS_IMPOSSIBLE');
    expect(body.slice(finding?.span.start, finding?.span.end)).toBe('THAT’S  impossible');
  });

  it('flags shouting and repeated exclamation marks, not a lone acronym', () => {
    const shouting = lintMessage('Hello. WE SHIPPED YOUR ORDER ON TIME!!! Please check.');
    expect(shouting.findings.map((finding) => finding.rule).sort()).toEqual([
      ToneRule.REPEATED_EXCLAMATION,
      ToneRule.SHOUTING,
    ]);
    expect(lintMessage('Hello, the DHL tracking number is on the USB label. We will check.').ok).toBe(true);
  });

  it('flags blaming the buyer', () => {
    const report = lintMessage('Hello, it is your own fault, you did not read the description. We can talk.');
    expect(report.findings.filter((finding) => finding.rule === ToneRule.BLAMES_THE_BUYER)).toHaveLength(2);
    expect(lintMessage('Здравствуйте, это ваша вина.').findings.map((finding) => finding.rule)).toEqual([
      ToneRule.BLAMES_THE_BUYER,
    ]);
  });

  it('flags a reply that neither greets, apologises nor proposes a next step', () => {
    const report = lintMessage('The parcel was shipped on Monday.');
    expect(report.findings).toEqual([expect.objectContaining({ rule: ToneRule.NO_GREETING_APOLOGY_OR_NEXT_STEP })]);
    expect(lintMessage('Sorry, the parcel was shipped on Monday.').ok).toBe(true);
    expect(lintMessage('Bonjour, le colis est parti lundi.').ok).toBe(true);
    expect(lintMessage('The parcel was shipped on Monday; we will send you the tracking today.').ok).toBe(true);
  });

  it('stays quiet on a polite reply in each language', () => {
    for (const body of [
      'Hello, I am sorry about the delay. We will send a replacement today.',
      'Hola, lamentamos el retraso. No se preocupe: le enviaremos un reemplazo hoy.',
      'Bonjour, nous sommes désolés du retard. Nous allons vous envoyer un remplacement.',
      'Olá, lamentamos o atraso. Vamos enviar uma substituição hoje.',
      'Здравствуйте! Приносим извинения за задержку. Мы отправим замену сегодня.',
    ]) {
      expect({ body, findings: lintMessage(body).findings }).toEqual({ body, findings: [] });
    }
  });
});
