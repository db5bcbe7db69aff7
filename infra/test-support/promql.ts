/**
 * A lexical reading of PromQL, enough to check which series and labels a query uses. It is not
 * a parser: what it cannot see (a metric hidden in a string) it does not report.
 */
const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'and', 'or', 'unless', 'inf', 'nan']);
const GROUPING = /\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g;
const SELECTOR = /(?<![\w:$])([a-zA-Z_:][\w:]*)\s*\{([^}]*)\}/g;
const MATCHER = /([a-zA-Z_]\w*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"/g;

export type Matcher = { label: string; op: string; value: string };
export type Selector = { metric: string; matchers: Matcher[] };

/** Grafana's $var / ${var} / $__rate_interval, which Prometheus never sees. */
function withoutTemplateVariables(expr: string): string {
  return expr.replace(/\$\{?\w+\}?/g, '');
}

export function metricNames(expr: string): string[] {
  const bare = withoutTemplateVariables(expr)
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(GROUPING, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ');
  const names = new Set<string>();
  for (const match of bare.matchAll(/(?<![\w.])([a-zA-Z_:][\w:]*)(?![\w:]|\s*\()/g)) {
    if (!KEYWORDS.has(match[1]!)) names.add(match[1]!);
  }
  return [...names];
}

export function selectors(expr: string): Selector[] {
  return [...expr.matchAll(SELECTOR)].map((match) => ({
    metric: match[1]!,
    matchers: [...match[2]!.matchAll(MATCHER)].map((each) => ({ label: each[1]!, op: each[2]!, value: each[3]! })),
  }));
}

export function groupingLabels(expr: string): string[] {
  return [...expr.matchAll(GROUPING)].flatMap((match) =>
    match[1]!
      .split(',')
      .map((label) => label.trim())
      .filter(Boolean),
  );
}

/** The aggregation operators applied directly to `metric`'s selector: `sum by (x) (metric{...})` → ['sum']. */
export function aggregationsOf(expr: string, metric: string): string[] {
  const bare = expr.replace(GROUPING, ' ');
  return [...bare.matchAll(new RegExp(`\\b(sum|min|max|avg|count|group|stddev|stdvar)\\s*\\(\\s*${metric}\\b`, 'g'))].map((match) => match[1]!);
}

/** Brackets and quotes balance: catches the usual hand-edit slip before Prometheus does. */
export function isBalanced(expr: string): boolean {
  const closing: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: string[] = [];
  const bare = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  if ((bare.match(/"/g)?.length ?? 0) % 2 !== 0) return false;
  for (const char of bare) {
    if ('([{'.includes(char)) stack.push(char);
    else if (char in closing && stack.pop() !== closing[char]) return false;
  }
  return stack.length === 0;
}

/** The literal values a matcher accepts: "a" for =, "a|b" for =~, or null when it is a real regex. */
export function literalAlternatives(matcher: Matcher): string[] | null {
  const value = withoutTemplateVariables(matcher.value);
  if (value !== matcher.value) return null;
  if (matcher.op === '=' || matcher.op === '!=') return [value];
  return /^[\w-]+(\|[\w-]+)*$/.test(value) ? value.split('|') : null;
}
