import type { SequenceStepView, SettingsInput, SettingsView } from '../../../src/merchant-contract.js';
import type { FieldErrors } from './field-errors.js';

// The sequences' and settings' rules as the server holds them (PUT /api/sequences/:kind and
// PUT /api/settings in merchant-contract.ts), said in Portuguese before anything is sent.
export const MAX_STEPS = 5;
export const MAX_DELAY_SECONDS = 7 * 24 * 3600;
const TEMPLATE = /^[a-z0-9_]{1,512}$/;
const CLOCK = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

export const DELAY_UNITS = [
  { value: 'minutes', label: 'minutos', seconds: 60 },
  { value: 'hours', label: 'horas', seconds: 3600 },
  { value: 'days', label: 'dias', seconds: 86_400 },
] as const;
export type DelayUnit = (typeof DELAY_UNITS)[number]['value'];

export type StepDraft = { key: number; amount: string; unit: DelayUnit; template: string };

let nextKey = 1;

/** A stored delay in the largest unit that says it exactly: 7200 s is 2 hours, 5400 s is 90 minutes. */
export function stepDraft(step: SequenceStepView = { delaySeconds: 3600, template: '' }): StepDraft {
  const unit = [...DELAY_UNITS].reverse().find((u) => step.delaySeconds % u.seconds === 0) ?? DELAY_UNITS[0];
  const amount = step.delaySeconds / unit.seconds;
  return { key: nextKey++, amount: Number.isInteger(amount) ? String(amount) : (step.delaySeconds / 60).toFixed(2), unit: unit.value, template: step.template };
}

function delayOf(step: StepDraft): number {
  const unit = DELAY_UNITS.find((u) => u.value === step.unit) ?? DELAY_UNITS[0];
  const amount = step.amount.trim().replace(',', '.');
  return /^\d+(\.\d+)?$/.test(amount) ? Number(amount) * unit.seconds : Number.NaN;
}

/** "1 h 30 min", "2 dias", "na hora". */
export function describeDelay(seconds: number): string {
  if (seconds === 0) return 'logo após o abandono';
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.round((seconds % 3600) / 60);
  const parts = [days && `${days} ${days === 1 ? 'dia' : 'dias'}`, hours && `${hours} h`, minutes && `${minutes} min`].filter(Boolean);
  return `${parts.join(' ')} após o abandono`;
}

export function describeSequenceField(field: string): string | null {
  const step = /^steps\[(\d+)\](?:\.(delaySeconds|template))?$/.exec(field);
  if (step) {
    const n = Number(step[1]) + 1;
    if (step[2] === 'template') return `Etapa ${n}: use o nome exato de um modelo aprovado (letras minúsculas, números e _).`;
    return `Etapa ${n}: o tempo vai de 0 a 7 dias e precisa ser maior que o da etapa anterior.`;
  }
  if (field === 'steps') return `A sequência tem de 1 a ${MAX_STEPS} etapas.`;
  return null;
}

export function validateSteps(steps: StepDraft[]): { errors: FieldErrors; steps: SequenceStepView[] } {
  const errors: FieldErrors = {};
  if (steps.length < 1 || steps.length > MAX_STEPS) errors.steps = describeSequenceField('steps')!;
  let previous = -1;
  const parsed = steps.map((step, index) => {
    const delay = delayOf(step);
    const n = index + 1;
    if (!Number.isFinite(delay)) errors[`steps[${index}].delaySeconds`] = `Etapa ${n}: informe o tempo de espera em números.`;
    else if (!Number.isInteger(delay)) errors[`steps[${index}].delaySeconds`] = `Etapa ${n}: use um tempo inteiro em minutos.`;
    else if (delay > MAX_DELAY_SECONDS) errors[`steps[${index}].delaySeconds`] = `Etapa ${n}: o tempo máximo é de 7 dias.`;
    else if (delay <= previous) errors[`steps[${index}].delaySeconds`] = `Etapa ${n}: precisa sair depois da etapa ${index}.`;
    if (Number.isFinite(delay)) previous = Math.max(previous, delay);
    const template = step.template.trim();
    if (!TEMPLATE.test(template)) errors[`steps[${index}].template`] = describeSequenceField(`steps[${index}].template`)!;
    return { delaySeconds: delay, template };
  });
  return { errors, steps: parsed };
}

export type SettingsDraft = { quiet: boolean; start: string; end: string; timezone: string; cap: string; holdout: string };

export function settingsDraft(settings: SettingsView): SettingsDraft {
  return {
    quiet: settings.quietHours !== null,
    start: settings.quietHours?.start ?? '21:00',
    end: settings.quietHours?.end ?? '08:00',
    timezone: settings.timezone,
    cap: String(settings.maxTemplatesPerBuyerPer24h),
    holdout: String(settings.holdoutPercent),
  };
}

const SETTINGS_RULES: Record<string, string> = {
  quietHours: 'Informe o início e o fim do horário de silêncio no formato 24 h (ex.: 21:00 e 08:00), com horários diferentes.',
  timezone: 'Escolha um fuso horário válido, como America/Sao_Paulo.',
  maxTemplatesPerBuyerPer24h: 'O limite vai de 1 a 10 mensagens por comprador a cada 24 h (número inteiro).',
  holdoutPercent: 'O grupo de controle vai de 0% a 50% (número inteiro).',
};

export function describeSettingsField(field: string): string | null {
  return SETTINGS_RULES[field] ?? null;
}

function wholeNumber(text: string, min: number, max: number): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : null;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('pt-BR', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

export function validateSettings(draft: SettingsDraft): { errors: FieldErrors; input: SettingsInput } {
  const errors: FieldErrors = {};
  if (draft.quiet && (!CLOCK.test(draft.start) || !CLOCK.test(draft.end) || draft.start === draft.end)) errors.quietHours = SETTINGS_RULES.quietHours!;
  if (!isTimeZone(draft.timezone.trim())) errors.timezone = SETTINGS_RULES.timezone!;
  const cap = wholeNumber(draft.cap, 1, 10);
  if (cap === null) errors.maxTemplatesPerBuyerPer24h = SETTINGS_RULES.maxTemplatesPerBuyerPer24h!;
  const holdout = wholeNumber(draft.holdout, 0, 50);
  if (holdout === null) errors.holdoutPercent = SETTINGS_RULES.holdoutPercent!;
  return {
    errors,
    input: {
      quietHours: draft.quiet ? { start: draft.start, end: draft.end } : null,
      timezone: draft.timezone.trim(),
      maxTemplatesPerBuyerPer24h: cap ?? 0,
      holdoutPercent: holdout ?? 0,
    },
  };
}
