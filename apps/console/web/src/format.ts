/** The shop's time zone; the API does not send one yet, and Sara's shops are in Brazil's default. */
const TIME_ZONE = 'America/Sao_Paulo';

const money = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });
const dayAndTime = new Intl.DateTimeFormat('pt-BR', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' });

export function formatMoney(value: number, currency: string | null = 'BRL'): string {
  if (currency && currency !== 'BRL') return new Intl.NumberFormat('pt-BR', { style: 'currency', currency }).format(value);
  return money.format(value);
}

/** "02/12 14:05", as Brazilians write it (Intl puts a comma between the two). */
export function formatDateTime(iso: string): string {
  const parts = dayAndTime.formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}/${part('month')} ${part('hour')}:${part('minute')}`;
}

/** "agora", "há 5 min", "há 3 h" for today's events; the date and time for older ones. */
export function formatRelative(iso: string, now: number): string {
  const minutes = Math.floor((now - new Date(iso).getTime()) / 60_000);
  if (minutes < 1) return 'agora';
  if (minutes < 60) return `há ${minutes} min`;
  if (minutes < 24 * 60) return `há ${Math.floor(minutes / 60)} h`;
  return formatDateTime(iso);
}

/** "3 h 12 min" until `endsAt`; null once it has passed. */
export function formatTimeLeft(endsAt: string, now: number): string | null {
  const ms = new Date(endsAt).getTime() - now;
  if (!(ms > 0)) return null;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'menos de 1 min';
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
}

const percent = new Intl.NumberFormat('pt-BR', { style: 'percent', maximumFractionDigits: 1 });
const decimal = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat('pt-BR');
const fullDay = new Intl.DateTimeFormat('pt-BR', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });

/** A rate (0.125) as "12,5%". */
export function formatPercent(rate: number): string {
  return percent.format(rate);
}

/** A difference of two rates (0.052) as "5,2 pontos percentuais". */
export function formatPoints(difference: number): string {
  const points = Math.abs(difference * 100);
  return `${decimal.format(points)} ${points === 1 ? 'ponto percentual' : 'pontos percentuais'}`;
}

export function formatCount(value: number): string {
  return integer.format(value);
}

/** "05/11" from a calendar day "2026-11-05". */
export function formatDay(date: string): string {
  const [, month, day] = date.split('-');
  return `${day}/${month}`;
}

/** "05/11/2026 14:05": the audit spans years, so it keeps the year. */
export function formatFullDateTime(iso: string): string {
  return `${fullDay.format(new Date(iso))} ${formatDateTime(iso).split(' ')[1] ?? ''}`;
}

export { TIME_ZONE };
