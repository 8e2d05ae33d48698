/**
 * The phrases docs/DOMAIN.md says a seller must never use, in every language Settle coaches (en, es, fr, pt, ru), each
 * with the variants that keep its meaning (contractions, dropped pronouns, polite and familiar "you") and a
 * rewrite that addresses the problem instead of the person. Patterns use the little syntax of `compilePhrase`.
 */
export const LANGUAGES = ['en', 'es', 'fr', 'pt', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

export const FORBIDDEN_PHRASES = [
  'YOU_DONT_SEEM_TO_UNDERSTAND',
  'YOU_MUST_BE_CONFUSED',
  'YOU_SHOULD_HAVE',
  'WE_NEVER',
  'THATS_IMPOSSIBLE',
  'YOU_ARE_WRONG',
  'NOBODY_HAS_COMPLAINED',
  'COMPANY_POLICY',
  'I_DONT_KNOW',
  'NOT_MY_PROBLEM',
  'WE_ARE_NOT_RESPONSIBLE',
  'ALWAYS_DONE_IT_THIS_WAY',
  'THATS_YOUR_DECISION',
  'ABSOLUTELY_NOT',
] as const;
export type ForbiddenPhrase = (typeof FORBIDDEN_PHRASES)[number];

export interface PhraseRule {
  patterns: string[];
  suggestion: string;
}

export const PHRASE_CATALOGUE: Readonly<Record<Language, Record<ForbiddenPhrase, PhraseRule>>> = {
  en: {
    YOU_DONT_SEEM_TO_UNDERSTAND: {
      patterns: [
        "you (do not|don't|doesn't) (seem to|appear to)? ?understand",
        'you (seem|appear) not to understand',
        "you (clearly|obviously)? ?(do not|don't|didn't) understand",
      ],
      suggestion: 'Let me explain it more clearly.',
    },
    YOU_MUST_BE_CONFUSED: {
      patterns: ["you (must|must've|must have) (be|been) confused", "(you're|you are) confused"],
      suggestion: 'Let me check that I have understood you correctly.',
    },
    YOU_SHOULD_HAVE: {
      patterns: ["you (should have|should've|shoulda|should of)"],
      suggestion: 'Next time it may help to…; for now, here is what we can do.',
    },
    WE_NEVER: {
      patterns: ["(we|we have|we've|we had) never"],
      suggestion: 'Let me check what happened with your order.',
    },
    THATS_IMPOSSIBLE: {
      patterns: ["(that's|that is|that was|it's|it is|this is) impossible", "(that's|that is|it's|it is) not possible"],
      suggestion: 'Let me look into how this could have happened.',
    },
    YOU_ARE_WRONG: {
      patterns: ["(you're|you are|ur|youre) (wrong|mistaken)"],
      suggestion: 'I see it differently; here is what our records show.',
    },
    NOBODY_HAS_COMPLAINED: {
      patterns: [
        "(nobody|no one|no-one|nobody's|no one's|nobody has|no one has|nobody had|no one had) (ever)? ?complained",
      ],
      suggestion: 'Thank you for telling us; we take every report seriously.',
    },
    COMPANY_POLICY: {
      patterns: ["(that's|that is|it's|it is) (our|the)? ?(company)? ?policy", 'company policy'],
      suggestion: 'Here is why we handle it this way, and what I can do for you.',
    },
    I_DONT_KNOW: {
      patterns: ["i (do not|don't|dont) know", 'idk', "i've no idea", 'i have no idea'],
      suggestion: 'Let me find out and get back to you.',
    },
    NOT_MY_PROBLEM: {
      patterns: ["(that's|that is|it's|it is|this is) not (my|our) (problem|issue|fault)"],
      suggestion: 'Let me see what I can do to help.',
    },
    WE_ARE_NOT_RESPONSIBLE: {
      patterns: [
        "(we're|we are) not (responsible|liable)",
        "we aren't (responsible|liable)",
        "(we're|we are) in no way responsible",
      ],
      suggestion: 'Let me explain what we can take care of.',
    },
    ALWAYS_DONE_IT_THIS_WAY: {
      patterns: ["(we|we have|we've) always done (it|things) (this|that) way"],
      suggestion: 'Thank you for the suggestion; let me see how we can improve.',
    },
    THATS_YOUR_DECISION: {
      patterns: ["(that's|that is|it's|it is) (your|ur) (decision|call|choice|problem)"],
      suggestion: 'Here are the options; I am happy to help you choose.',
    },
    ABSOLUTELY_NOT: {
      patterns: ['absolutely not', 'no way', 'never ?!', '^never ?$'],
      suggestion: 'I am afraid we cannot do that, but here is what we can offer.',
    },
  },
  es: {
    YOU_DONT_SEEM_TO_UNDERSTAND: {
      patterns: [
        '(usted|tu)? ?no (parece|pareces) (entender|comprender)',
        'parece que no (entiende|entiendes|comprende|comprendes)',
        '(usted|tu) no (entiende|entiendes)',
      ],
      suggestion: 'Permítame explicarlo con más claridad.',
    },
    YOU_MUST_BE_CONFUSED: {
      patterns: [
        '(debe|debes) (de)? ?estar (confundido|confundida)',
        '(usted|tu) (esta|estas) (confundido|confundida)',
      ],
      suggestion: 'Permítame comprobar que le he entendido bien.',
    },
    YOU_SHOULD_HAVE: {
      patterns: ['(deberia|deberias|tendria|tendrias) (que)? ?haber', '(usted|tu) (debio|debiste)'],
      suggestion: 'Veamos juntos qué podemos hacer ahora.',
    },
    WE_NEVER: {
      patterns: ['nosotros nunca', 'nunca (hemos|hacemos|enviamos|vendemos)', 'jamas (hemos|hacemos)'],
      suggestion: 'Permítame revisar qué ocurrió con su pedido.',
    },
    THATS_IMPOSSIBLE: {
      patterns: ['(eso|esto)? ?es imposible', '(eso|esto)? ?no es posible'],
      suggestion: 'Permítame investigar cómo pudo ocurrir.',
    },
    YOU_ARE_WRONG: {
      patterns: ['(usted|tu)? ?(esta|estas) (equivocado|equivocada)', 'no (tiene|tienes) razon'],
      suggestion: 'Lo veo de otra manera; esto es lo que muestran nuestros registros.',
    },
    NOBODY_HAS_COMPLAINED: {
      patterns: ['nadie (se ha quejado|se quejo|ha reclamado|reclamo)', 'nadie nunca se ha quejado'],
      suggestion: 'Gracias por avisarnos; tomamos en serio cada comentario.',
    },
    COMPANY_POLICY: {
      patterns: ['(es)? ?(la)? ?politica de (la)? ?(empresa|compania|tienda)'],
      suggestion: 'Le explico por qué lo hacemos así y qué puedo hacer por usted.',
    },
    I_DONT_KNOW: {
      patterns: ['yo no (lo)? ?se', 'no lo se', 'no se ?([.!?,;]|$)', 'ni idea'],
      suggestion: 'Lo averiguo y le respondo en breve.',
    },
    NOT_MY_PROBLEM: {
      patterns: ['no es (mi|nuestro) problema', 'no es problema (mio|nuestro)'],
      suggestion: 'Veamos qué puedo hacer para ayudarle.',
    },
    WE_ARE_NOT_RESPONSIBLE: {
      patterns: ['no (somos|nos hacemos) (responsables|responsable)', 'no nos responsabilizamos'],
      suggestion: 'Le explico de qué podemos encargarnos.',
    },
    ALWAYS_DONE_IT_THIS_WAY: {
      patterns: ['siempre lo hemos hecho (asi|de esta manera|de esta forma)'],
      suggestion: 'Gracias por la sugerencia; veremos cómo mejorar.',
    },
    THATS_YOUR_DECISION: {
      patterns: ['(es|sera) (su|tu) decision', 'la decision es (suya|tuya)', '(eso|esto) es cosa (suya|tuya)'],
      suggestion: 'Estas son las opciones; con gusto le ayudo a elegir.',
    },
    ABSOLUTELY_NOT: {
      patterns: ['(absolutamente|rotundamente|definitivamente) no', 'de ninguna manera', 'nunca ?!', '^nunca ?$'],
      suggestion: 'Lamentablemente no podemos hacer eso, pero podemos ofrecerle lo siguiente.',
    },
  },
  fr: {
    YOU_DONT_SEEM_TO_UNDERSTAND: {
      patterns: [
        '(vous|tu) ne (semblez|sembles) pas comprendre',
        '(vous|tu) (semblez|sembles) ne pas comprendre',
        '(vous|tu) ne (comprenez|comprends) pas',
      ],
      suggestion: 'Permettez-moi de l’expliquer plus clairement.',
    },
    YOU_MUST_BE_CONFUSED: {
      patterns: [
        '(vous devez|tu dois) (etre confus|etre confuse|vous tromper|te tromper)',
        '(vous etes|tu es) (confus|confuse)',
      ],
      suggestion: 'Permettez-moi de vérifier que je vous ai bien compris.',
    },
    YOU_SHOULD_HAVE: {
      patterns: ['(vous auriez|tu aurais) (du|pu)', "(il)? ?(vous|t') ?aurait fallu"],
      suggestion: 'Voyons ensemble ce que nous pouvons faire maintenant.',
    },
    WE_NEVER: {
      patterns: ["(nous|on) (ne|n') ?\\w+ jamais"],
      suggestion: 'Permettez-moi de vérifier ce qui s’est passé avec votre commande.',
    },
    THATS_IMPOSSIBLE: {
      patterns: ["(c'est|cest|c est|ce n'est pas|c'est pas) (impossible|possible)"],
      suggestion: 'Permettez-moi de chercher comment cela a pu arriver.',
    },
    YOU_ARE_WRONG: {
      patterns: ['(vous avez|tu as) tort', '(vous vous trompez|tu te trompes)'],
      suggestion: 'Je vois les choses autrement ; voici ce que montrent nos données.',
    },
    NOBODY_HAS_COMPLAINED: {
      patterns: ["personne ne (s'est|s'en est|nous a) (jamais)? ?(plaint|plainte|reclame)", 'personne ne se plaint'],
      suggestion: 'Merci de nous l’avoir signalé ; nous prenons chaque retour au sérieux.',
    },
    COMPANY_POLICY: {
      patterns: ["(c'est)? ?la politique de (l'entreprise|la societe|la maison|la boutique)"],
      suggestion: 'Voici pourquoi nous procédons ainsi, et ce que je peux faire pour vous.',
    },
    I_DONT_KNOW: {
      patterns: ["(je ne|j'en|je n'en|j') ?sais (pas|rien)", 'je sais pas', 'aucune idee'],
      suggestion: 'Je me renseigne et je reviens vers vous rapidement.',
    },
    NOT_MY_PROBLEM: {
      patterns: ["(ce n'est|c'est) pas (mon|notre) (probleme|souci)"],
      suggestion: 'Voyons ce que je peux faire pour vous aider.',
    },
    WE_ARE_NOT_RESPONSIBLE: {
      patterns: [
        "(nous ne sommes|on n'est|on est) pas (responsable|responsables)",
        'nous declinons toute responsabilite',
      ],
      suggestion: 'Permettez-moi d’expliquer ce que nous pouvons prendre en charge.',
    },
    ALWAYS_DONE_IT_THIS_WAY: {
      patterns: ['(nous avons|on a) toujours fait (comme ca|ainsi|de cette facon|de cette maniere)'],
      suggestion: 'Merci pour la suggestion ; nous allons voir comment nous améliorer.',
    },
    THATS_YOUR_DECISION: {
      patterns: ["(c'est|ce sera) (votre|ta) (decision|choix)", 'ca vous regarde', "c'est (votre|ton) probleme"],
      suggestion: 'Voici les options ; je vous aide volontiers à choisir.',
    },
    ABSOLUTELY_NOT: {
      patterns: ['absolument pas', 'certainement pas', 'hors de question', 'jamais ?!', '^jamais ?$'],
      suggestion: 'Nous ne pouvons malheureusement pas faire cela, mais voici ce que nous proposons.',
    },
  },
  pt: {
    YOU_DONT_SEEM_TO_UNDERSTAND: {
      patterns: [
        '(voce|tu)? ?nao (parece|pareces) (entender|compreender)',
        'parece que (voce|tu)? ?nao (entende|entendes|compreende)',
        '(voce|tu) nao (entende|entendes)',
      ],
      suggestion: 'Deixe-me explicar com mais clareza.',
    },
    YOU_MUST_BE_CONFUSED: {
      patterns: [
        '(voce|tu)? ?(deve|deves) estar (confuso|confusa|enganado|enganada)',
        '(voce|tu) (esta|estas) (confuso|confusa)',
      ],
      suggestion: 'Deixe-me confirmar que entendi corretamente.',
    },
    YOU_SHOULD_HAVE: {
      patterns: ['(voce|tu)? ?(deveria|deverias|devia|devias|tinha que|tinhas que) ter'],
      suggestion: 'Vamos ver juntos o que podemos fazer agora.',
    },
    WE_NEVER: {
      patterns: ['nos nunca', 'nunca (fizemos|fazemos|enviamos|vendemos)', 'jamais (fizemos|fazemos)'],
      suggestion: 'Deixe-me verificar o que aconteceu com o seu pedido.',
    },
    THATS_IMPOSSIBLE: {
      patterns: ['(isso|isto)? ?e impossivel', '(isso|isto)? ?nao e possivel'],
      suggestion: 'Deixe-me investigar como isso pode ter acontecido.',
    },
    YOU_ARE_WRONG: {
      patterns: ['(voce|tu)? ?(esta|estas) (errado|errada|enganado|enganada)', 'nao (tem|tens) razao'],
      suggestion: 'Vejo de outra forma; isto é o que os nossos registros mostram.',
    },
    NOBODY_HAS_COMPLAINED: {
      patterns: ['ninguem (nunca)? ?(reclamou|se queixou|tinha reclamado)'],
      suggestion: 'Obrigado por nos avisar; levamos cada relato a sério.',
    },
    COMPANY_POLICY: {
      patterns: ['(e)? ?(a)? ?politica da (empresa|loja|companhia)'],
      suggestion: 'Explico por que fazemos assim e o que posso fazer por você.',
    },
    I_DONT_KNOW: {
      patterns: ['(eu)? ?nao sei', 'sei la', 'nao faco ideia'],
      suggestion: 'Vou verificar e retorno em breve.',
    },
    NOT_MY_PROBLEM: {
      patterns: ['nao e (meu|nosso) problema', 'nao e problema (meu|nosso)'],
      suggestion: 'Vamos ver o que posso fazer para ajudar.',
    },
    WE_ARE_NOT_RESPONSIBLE: {
      patterns: ['nao somos (responsaveis|responsavel)', 'nao nos responsabilizamos'],
      suggestion: 'Deixe-me explicar pelo que podemos nos responsabilizar.',
    },
    ALWAYS_DONE_IT_THIS_WAY: {
      patterns: ['sempre fizemos (assim|dessa forma|desta forma|desse jeito|deste jeito)'],
      suggestion: 'Obrigado pela sugestão; vamos ver como melhorar.',
    },
    THATS_YOUR_DECISION: {
      patterns: ['(e|sera) (sua|tua) decisao', 'a decisao e (sua|tua)', 'e decisao (sua|tua)', 'problema (seu|teu)'],
      suggestion: 'Estas são as opções; terei prazer em ajudar na escolha.',
    },
    ABSOLUTELY_NOT: {
      patterns: ['(absolutamente|definitivamente) nao', 'de jeito nenhum', 'de forma alguma', 'nunca ?!', '^nunca ?$'],
      suggestion: 'Infelizmente não podemos fazer isso, mas podemos oferecer o seguinte.',
    },
  },
  ru: {
    YOU_DONT_SEEM_TO_UNDERSTAND: {
      patterns: ['(вы|ты) (кажется)? ?не (понимаете|понимаешь)', 'кажется (вы|ты) не (понимаете|понимаешь)'],
      suggestion: 'Позвольте объяснить понятнее.',
    },
    YOU_MUST_BE_CONFUSED: {
      patterns: ['(вы|ты) (должно быть)? ?(запутались|запутался|запуталась|что-то путаете|путаете)'],
      suggestion: 'Позвольте уточнить, правильно ли я вас понял.',
    },
    YOU_SHOULD_HAVE: {
      patterns: ['(вам|тебе) (следовало|нужно было|надо было)', '(вы|ты) (должны|должен|должна) были?'],
      suggestion: 'Давайте вместе посмотрим, что можно сделать сейчас.',
    },
    WE_NEVER: {
      patterns: ['мы никогда'],
      suggestion: 'Позвольте проверить, что случилось с вашим заказом.',
    },
    THATS_IMPOSSIBLE: {
      patterns: ['(это|такое)? ?невозможно', '(это|такое)? ?не может быть'],
      suggestion: 'Позвольте разобраться, как это могло произойти.',
    },
    YOU_ARE_WRONG: {
      patterns: ['(вы|ты) (не правы|неправы|не прав|неправ|ошибаетесь|ошибаешься)'],
      suggestion: 'Я вижу это иначе; вот что показывают наши данные.',
    },
    NOBODY_HAS_COMPLAINED: {
      patterns: ['никто (еще|раньше|никогда)? ?не (жаловался|жаловались|жаловалась)'],
      suggestion: 'Спасибо, что сообщили; мы серьёзно относимся к каждому отзыву.',
    },
    COMPANY_POLICY: {
      patterns: ['(такова|это|это наша)? ?политика (компании|магазина)'],
      suggestion: 'Объясню, почему мы так делаем, и что я могу для вас сделать.',
    },
    I_DONT_KNOW: {
      patterns: ['(я)? ?не знаю', 'понятия не имею'],
      suggestion: 'Я уточню и вернусь к вам в ближайшее время.',
    },
    NOT_MY_PROBLEM: {
      patterns: ['(это)? ?не (моя|наша) проблема', '(это)? ?не (мои|наши) проблемы'],
      suggestion: 'Давайте посмотрим, чем я могу помочь.',
    },
    WE_ARE_NOT_RESPONSIBLE: {
      patterns: ['мы не (несем|несём) ответственности', 'мы не отвечаем за', 'мы не (виноваты|виновны)'],
      suggestion: 'Позвольте объяснить, за что мы можем взять ответственность.',
    },
    ALWAYS_DONE_IT_THIS_WAY: {
      patterns: ['мы всегда так (делали|делаем)', 'мы всегда делали (это)? ?так'],
      suggestion: 'Спасибо за предложение; посмотрим, как это улучшить.',
    },
    THATS_YOUR_DECISION: {
      patterns: ['(это)? ?(ваше|твое|твоё) решение', 'решать (вам|тебе)', '(это)? ?(ваши|твои) проблемы'],
      suggestion: 'Вот возможные варианты; я с радостью помогу выбрать.',
    },
    ABSOLUTELY_NOT: {
      patterns: ['(абсолютно|категорически) нет', 'ни в коем случае', 'никогда ?!', '^никогда ?$'],
      suggestion: 'К сожалению, мы не можем этого сделать, но можем предложить следующее.',
    },
  },
};
