import { useSearchParams } from 'react-router';
import { useDailyReport, useReport } from '../api/report.js';
import { useSession } from '../api/session.js';
import { DailySection } from '../components/dashboard/DailySection.js';
import { Breakdown, Funnel } from '../components/dashboard/Funnel.js';
import { LiftSummary } from '../components/dashboard/LiftSummary.js';
import { PeriodPicker, PRESETS, type PeriodChoice } from '../components/dashboard/PeriodPicker.js';
import { LoadError, Loading } from '../components/merchant/PageState.js';
import { formatCount, formatDay, formatMoney, formatPercent } from '../format.js';
import { betweenDays, lastDays } from '../merchant/period.js';
import { useDocumentTitle } from '../use-document-title.js';
import '../merchant.css';
import './DashboardPage.css';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The period lives in the address (?dias=30 or ?de=…&ate=…), so a reload or a shared link keeps it. */
function choiceOf(params: URLSearchParams): PeriodChoice {
  const first = params.get('de');
  const last = params.get('ate');
  if (first && last && DAY.test(first) && DAY.test(last) && first <= last) return { first, last };
  const days = Number(params.get('dias'));
  return { days: PRESETS.find((preset) => preset === days) ?? 30 };
}

export function DashboardPage() {
  useDocumentTitle('Painel');
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const choice = choiceOf(params);
  // Computed per render: "the last 30 days" moves on at midnight without a reload.
  const period = 'days' in choice ? lastDays(choice.days) : betweenDays(choice.first, choice.last);
  const report = useReport(period.from, period.to);
  const daily = useDailyReport(period.from, period.to);

  const choose = (next: PeriodChoice) => setParams('days' in next ? { dias: String(next.days) } : { de: next.first, ate: next.last }, { replace: true });

  return (
    <div className="merchant-page dashboard">
      <h1>Painel</h1>
      <PeriodPicker value={choice} onChange={choose} />
      <p className="muted period-said" aria-live="polite">
        {'days' in choice
          ? `Carrinhos abandonados nos últimos ${choice.days} dias`
          : `Carrinhos abandonados de ${formatDay(choice.first)} a ${formatDay(choice.last)}`}
        {report.isFetching && !report.isPending ? ' · atualizando…' : ''}
      </p>

      {report.isPending ? (
        <Loading what="o relatório" />
      ) : report.isError ? (
        <LoadError error={report.error} />
      ) : (
        <>
          <dl className="figures">
            <div>
              <dt>Receita recuperada</dt>
              <dd>{formatMoney(report.data.recoveredRevenue)}</dd>
            </div>
            <div>
              <dt>Taxa de recuperação</dt>
              <dd>{formatPercent(report.data.abandonments ? report.data.recovered / report.data.abandonments : 0)}</dd>
            </div>
            <div>
              <dt>Vendas recuperadas</dt>
              <dd>
                {formatCount(report.data.recovered)} <span className="muted">de {formatCount(report.data.abandonments)}</span>
              </dd>
            </div>
          </dl>
          <LiftSummary holdout={report.data.holdout} isAdmin={user.role === 'admin'} />
        </>
      )}

      {daily.isPending ? <Loading what="o gráfico" /> : daily.isError ? <LoadError error={daily.error} /> : <DailySection days={daily.data.days} />}

      {report.isSuccess && (
        <>
          <Funnel report={report.data} />
          <Breakdown report={report.data} />
        </>
      )}
    </div>
  );
}
