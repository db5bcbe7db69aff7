import { firstName } from '../recovery/templates.js';

/** Sara's fixed pt-BR lines for the moments where no AI should improvise. */
export const cannedReplies = {
  optOutFarewell: (name: string) => `Tudo bem, ${firstName(name)}. Você não vai mais receber mensagens nossas por aqui. Obrigada pela atenção e até mais! 👋`,
  askForText: (name: string) => `Oi, ${firstName(name)}! Por aqui eu só consigo ler mensagens de texto. Pode me escrever sua dúvida? 🙂`,
  handOffToHuman: (name: string) =>
    `${firstName(name)}, para te ajudar melhor vou pedir para alguém da nossa equipe continuar essa conversa com você. Obrigada pela paciência!`,
} as const;
