import { FORBIDDEN_PHRASES, LANGUAGES, PHRASE_CATALOGUE, type ForbiddenPhrase, type Language } from './phrases';
import { compilePhrase, findSpans, fold, type Span } from './text';

/**
 * Tone coaching for sellers (docs/DOMAIN.md, "Communication rules"): finds the phrases a seller must never use, shouting,
 * blaming the buyer, and a reply that neither greets, apologises nor proposes a next step. Findings warn; they
 * never block sending. Plain TypeScript, no I/O.
 */
export const ToneRule = {
  FORBIDDEN_PHRASE: 'FORBIDDEN_PHRASE',
  SHOUTING: 'SHOUTING',
  REPEATED_EXCLAMATION: 'REPEATED_EXCLAMATION',
  BLAMES_THE_BUYER: 'BLAMES_THE_BUYER',
  NO_GREETING_APOLOGY_OR_NEXT_STEP: 'NO_GREETING_APOLOGY_OR_NEXT_STEP',
} as const;
export type ToneRule = (typeof ToneRule)[keyof typeof ToneRule];

export interface ToneFinding {
  /** `FORBIDDEN_PHRASE:<PHRASE>` for a forbidden phrase, else the ToneRule. */
  rule: string;
  span: Span;
  suggestion: string;
  /** The words found, as written. */
  excerpt: string;
  language?: Language;
}

export interface ToneReport {
  ok: boolean;
  findings: ToneFinding[];
}

interface CompiledRule {
  phrase: ForbiddenPhrase;
  language: Language;
  patterns: RegExp[];
  suggestion: string;
}

const COMPILED: CompiledRule[] = LANGUAGES.flatMap((language) =>
  FORBIDDEN_PHRASES.map((phrase) => ({
    phrase,
    language,
    patterns: PHRASE_CATALOGUE[language][phrase].patterns.map(compilePhrase),
    suggestion: PHRASE_CATALOGUE[language][phrase].suggestion,
  })),
);

const BLAME: Record<Language, { patterns: string[]; suggestion: string }> = {
  en: {
    patterns: [
      "(it's|it is|that's|that is|this is)? ?(all)? ?your (own)? ?(fault|mistake|problem)",
      "you (didn't|did not|failed to|never) (read|check|follow|look at|pay attention)",
      'you (ordered|chose|picked|entered|gave us) the wrong',
      'because of you',
      "(you're|you are) to blame",
    ],
    suggestion: 'Describe what happened without saying whose fault it is, then offer a solution.',
  },
  es: {
    patterns: [
      '(es)? ?(su|tu) (culpa|error)',
      '(por )?culpa (suya|tuya)',
      'usted no (leyo|reviso)',
      'no (leyo|leiste) la descripcion',
    ],
    suggestion: 'Describa lo ocurrido sin buscar culpables y ofrezca una solución.',
  },
  fr: {
    patterns: ["(c'est)? ?(votre|ta) (faute|erreur)", "vous n'avez pas (lu|verifie)", 'a cause de vous'],
    suggestion: 'Décrivez ce qui s’est passé sans chercher de coupable, puis proposez une solution.',
  },
  pt: {
    patterns: [
      '(e)? ?(culpa|erro) (sua|seu|tua|teu)',
      '(a|e)? ?(sua|tua) culpa',
      'voce nao (leu|verificou)',
      'por sua causa',
    ],
    suggestion: 'Descreva o que aconteceu sem apontar culpados e ofereça uma solução.',
  },
  ru: {
    patterns: [
      '(это)? ?(ваша|твоя) (вина|ошибка)',
      '(вы|ты) сами? (виноваты|виноват|виновата)',
      '(вы|ты) не (прочитали|прочитал|посмотрели)',
      'из-за вас',
    ],
    suggestion: 'Опишите, что произошло, не обвиняя покупателя, и предложите решение.',
  },
};

const COMPILED_BLAME = LANGUAGES.map((language) => ({
  language,
  patterns: BLAME[language].patterns.map(compilePhrase),
  suggestion: BLAME[language].suggestion,
}));

/** A greeting, an apology, or a next step, in any coached language: one of them makes a reply acceptable. */
const COURTESY = [
  // greetings
  '(hello|hi|dear|good (morning|afternoon|evening)|greetings)',
  '(hola|estimado|estimada|buenos dias|buenas tardes)',
  '(bonjour|bonsoir|cher|chere|madame|monsieur)',
  '(ola|prezado|prezada|bom dia|boa tarde|caro|cara)',
  '(здравствуйте|добрый (день|вечер)|уважаемый|уважаемая|привет)',
  // apologies
  "(sorry|apologi[sz]e|apologies|regret|we're sorry)",
  '(lo sentimos|lo siento|disculpe|disculpas|perdon|lamentamos|lamento)',
  '(desole|desolee|desoles|excusez|excuses|pardon|regrettons)',
  '(desculpe|desculpas|lamentamos|sentimos muito|sinto muito|perdao)',
  '(извините|простите|приносим извинения|сожалеем|к сожалению)',
  // next steps
  "(we will|we'll|i will|i'll|we can|i can|we propose|we offer|please|could you|would you|let me|let us|let's)",
  '(le propongo|le proponemos|podemos|le ofrecemos|por favor|le enviaremos|vamos a|voy a)',
  '(nous proposons|je propose|nous pouvons|je peux|nous allons|je vais|merci de|veuillez|pourriez-vous)',
  '(podemos|propomos|vamos|vou|por favor|poderia|enviaremos)',
  '(предлагаем|предлагаю|можем|могу|пожалуйста|отправим|вернем|вернём|давайте)',
].map(compilePhrase);

const LETTER = /\p{L}/u;

export function lintMessage(body: string): ToneReport {
  const folded = fold(body);
  const findings: ToneFinding[] = [];
  const excerpt = (span: Span) => body.slice(span.start, span.end);

  for (const rule of COMPILED) {
    for (const pattern of rule.patterns) {
      for (const span of findSpans(folded, pattern)) {
        findings.push({
          rule: `${ToneRule.FORBIDDEN_PHRASE}:${rule.phrase}`,
          span,
          suggestion: rule.suggestion,
          excerpt: excerpt(span),
          language: rule.language,
        });
      }
    }
  }
  for (const rule of COMPILED_BLAME) {
    for (const pattern of rule.patterns) {
      for (const span of findSpans(folded, pattern)) {
        findings.push({
          rule: ToneRule.BLAMES_THE_BUYER,
          span,
          suggestion: rule.suggestion,
          excerpt: excerpt(span),
          language: rule.language,
        });
      }
    }
  }
  for (const span of shoutedSpans(body)) {
    findings.push({
      rule: ToneRule.SHOUTING,
      span,
      suggestion: 'Write in normal capitalisation: capitals read as shouting.',
      excerpt: excerpt(span),
    });
  }
  for (const span of findSpans(body, /[!¡]\s*[!¡](?:\s*[!¡])*/gu)) {
    findings.push({
      rule: ToneRule.REPEATED_EXCLAMATION,
      span,
      suggestion: 'One exclamation mark at most; a calm tone reassures the buyer.',
      excerpt: excerpt(span),
    });
  }
  if (LETTER.test(body) && !COURTESY.some((pattern) => findSpans(folded, pattern).length > 0)) {
    findings.push({
      rule: ToneRule.NO_GREETING_APOLOGY_OR_NEXT_STEP,
      span: { start: 0, end: body.length },
      suggestion:
        'Greet the buyer, acknowledge the problem (an apology calms), and propose a concrete next step, e.g. ' +
        '"Hello, I am sorry about the trouble with your order. I can send a replacement or refund you; which do you prefer?"',
      excerpt: body.length > 80 ? `${body.slice(0, 80)}…` : body,
    });
  }
  return { ok: findings.length === 0, findings: dedupe(findings) };
}

/**
 * Runs of at least three consecutive words written in capitals (each with two letters or more), or a whole message
 * in capitals: shouting. Short acronyms alone (USB, DHL, EMS) are not.
 */
function shoutedSpans(body: string): Span[] {
  const words = [...body.matchAll(/[\p{L}\p{N}]+/gu)].map((match) => ({
    text: match[0],
    start: match.index,
    end: match.index + match[0].length,
  }));
  const isCaps = (word: string) =>
    /\p{Lu}/u.test(word) && word === word.toUpperCase() && word.replace(/\P{L}/gu, '').length >= 2;
  const spans: Span[] = [];
  let run: typeof words = [];
  const flush = () => {
    const letters = run.reduce((sum, word) => sum + word.text.length, 0);
    const [first] = run;
    const last = run.at(-1);
    if (first && last && run.length >= 3 && letters >= 10) spans.push({ start: first.start, end: last.end });
    run = [];
  };
  for (const word of words) {
    if (isCaps(word.text)) run.push(word);
    else if (!/^\p{N}+$/u.test(word.text)) flush();
  }
  flush();
  return spans;
}

/** The same words matched by two variants of one rule are reported once (the longest match). */
function dedupe(findings: ToneFinding[]): ToneFinding[] {
  const sorted = [...findings].sort(
    (a, b) => a.span.start - b.span.start || b.span.end - a.span.end || a.rule.localeCompare(b.rule),
  );
  const kept: ToneFinding[] = [];
  for (const finding of sorted) {
    const overlapping = kept.some(
      (other) =>
        other.rule === finding.rule && other.span.start <= finding.span.start && other.span.end >= finding.span.end,
    );
    if (!overlapping) kept.push(finding);
  }
  return kept;
}
