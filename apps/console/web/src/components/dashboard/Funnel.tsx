import type { ReportSlice, ReportView, StepReport } from '../../../../src/merchant-contract.js';
import { formatCount, formatMoney, formatPercent } from '../../format.js';
import { KIND_ORDER, kindLabel, platformLabel } from '../../merchant/labels.js';

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/** Abandoned → contacted → replied → recovered, each as a share of the abandonments. */
export function Funnel({ report }: { report: ReportView }) {
  const stages = [
    { label: 'Carrinhos abandonados', value: report.abandonments },
    { label: 'Contatados pela Sara', value: report.contacted },
    { label: 'Responderam', value: report.replied },
    { label: 'Recuperadas', value: report.recovered },
  ];
  return (
    <section className="panel" aria-labelledby="funnel-title">
      <h2 id="funnel-title">Do abandono à venda</h2>
      <ol className="funnel">
        {stages.map((stage) => {
          const share = rate(stage.value, report.abandonments);
          return (
            <li key={stage.label}>
              <span className="funnel-label">{stage.label}</span>
              <span className="funnel-value">
                {formatCount(stage.value)}
                {stage.value !== report.abandonments && <span className="muted"> · {formatPercent(share)}</span>}
              </span>
              <span className="funnel-bar" aria-hidden="true">
                <span style={{ width: `${Math.round(share * 100)}%` }} />
              </span>
            </li>
          );
        })}
      </ol>
      <p className="hint">
        Contatados conta só quem recebe mensagens (o grupo de controle nunca é contatado). {formatCount(report.optedOut)}{' '}
        {report.optedOut === 1 ? 'pessoa pediu' : 'pessoas pediram'} para sair.
      </p>
    </section>
  );
}

/** The funnel of each kind of abandonment and of each platform, then the sales after each step. */
export function Breakdown({ report }: { report: ReportView }) {
  const kinds = Object.keys(report.byKind).sort((a, b) => order(a) - order(b));
  const sources = Object.keys(report.bySource).sort((a, b) => platformLabel(a).localeCompare(platformLabel(b), 'pt-BR'));
  return (
    <>
      <SliceTable id="by-kind" title="Por tipo de abandono" heading="Tipo" rows={kinds.map((kind) => [kindLabel(kind), report.byKind[kind]!])} />
      <SliceTable
        id="by-source"
        title="Por plataforma"
        heading="Plataforma"
        rows={sources.map((source) => [platformLabel(source), report.bySource[source]!])}
      />
      <StepTable steps={report.byStep} />
    </>
  );
}

function order(kind: string): number {
  const index = KIND_ORDER.indexOf(kind as (typeof KIND_ORDER)[number]);
  return index === -1 ? KIND_ORDER.length : index;
}

function SliceTable({ id, title, heading, rows }: { id: string; title: string; heading: string; rows: [string, ReportSlice][] }) {
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">Nenhum carrinho no período.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{heading}</th>
                <th scope="col">Abandonados</th>
                <th scope="col">Contatados</th>
                <th scope="col">Responderam</th>
                <th scope="col">Recuperadas</th>
                <th scope="col">Taxa</th>
                <th scope="col">Receita recuperada</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([label, slice]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td>{formatCount(slice.abandonments)}</td>
                  <td>{formatCount(slice.contacted)}</td>
                  <td>{formatCount(slice.replied)}</td>
                  <td>{formatCount(slice.recovered)}</td>
                  <td>{formatPercent(rate(slice.recovered, slice.abandonments))}</td>
                  <td>{formatMoney(slice.recoveredRevenue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function StepTable({ steps }: { steps: StepReport[] }) {
  return (
    <section className="panel" aria-labelledby="by-step-title">
      <h2 id="by-step-title">Por etapa da sequência</h2>
      {steps.length === 0 ? (
        <p className="muted">Nenhuma mensagem da sequência saiu no período.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Etapa</th>
                <th scope="col">Mensagens enviadas</th>
                <th scope="col">Vendas depois desta etapa</th>
                <th scope="col">Taxa</th>
              </tr>
            </thead>
            <tbody>
              {steps.map((step) => (
                <tr key={step.step}>
                  <th scope="row">{step.step}ª mensagem</th>
                  <td>{formatCount(step.sent)}</td>
                  <td>{formatCount(step.recoveredAfter)}</td>
                  <td>{formatPercent(rate(step.recoveredAfter, step.sent))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="hint">Cada venda conta para a última mensagem que saiu antes dela.</p>
    </section>
  );
}
