import { Link } from 'react-router';
import type { HoldoutView } from '../../../../src/merchant-contract.js';
import { formatCount, formatMoney, formatPercent, formatPoints } from '../../format.js';

/**
 * The holdout in plain words: what would have sold anyway, what Sara added, and how sure that is.
 * Attributed revenue overstates what messages cause; only the control group says what they did.
 */
export function LiftSummary({ holdout, isAdmin }: { holdout: HoldoutView; isAdmin: boolean }) {
  const { control, treatment, incrementalRevenue } = holdout;
  if (control.abandonments === 0 || treatment.abandonments === 0) {
    return (
      <section className="lift" aria-labelledby="lift-title">
        <h2 id="lift-title">O que a Sara trouxe a mais</h2>
        <p>
          Sem grupo de controle neste período: ainda não dá para separar o que a Sara trouxe das vendas que aconteceriam de qualquer forma.{' '}
          {isAdmin ? (
            <>
              Para medir, defina um grupo de controle em <Link to="/sequencias">Sequências e horários</Link>.
            </>
          ) : (
            'Quem administra a loja pode criar um grupo de controle.'
          )}
        </p>
      </section>
    );
  }

  return (
    <section className="lift" aria-labelledby="lift-title">
      <h2 id="lift-title">O que a Sara trouxe a mais</h2>
      <p className="lift-headline">
        Sem as mensagens, {formatPercent(control.rate)} teriam comprado de qualquer forma;{' '}
        {incrementalRevenue >= 0
          ? `a Sara trouxe ${formatMoney(incrementalRevenue)} a mais.`
          : `com as mensagens, a loja recuperou ${formatMoney(-incrementalRevenue)} a menos.`}
      </p>
      <p>
        Quem recebeu mensagens: {formatPercent(treatment.rate)} compraram ({formatCount(treatment.recovered)} de {formatCount(treatment.abandonments)}). Grupo
        de controle, sem mensagens: {formatCount(control.recovered)} de {formatCount(control.abandonments)}.
      </p>
      <p>{intervalSentence(holdout.liftCi95)}</p>
    </section>
  );
}

function intervalSentence([low, high]: [number, number]): string {
  if (low > 0) return `Com 95% de confiança, as mensagens aumentam a recuperação entre ${formatPoints(low)} e ${formatPoints(high)}.`;
  if (high < 0) return `Com 95% de confiança, as mensagens reduzem a recuperação entre ${formatPoints(-high)} e ${formatPoints(-low)}.`;
  return (
    `Ainda não dá para ter certeza do efeito: com 95% de confiança, a diferença fica entre ${signed(low)} e ${signed(high)}, ` +
    'e o intervalo inclui zero. Com mais carrinhos no período, a medida fica mais precisa.'
  );
}

function signed(difference: number): string {
  if (difference === 0) return '0 ponto percentual';
  return `${difference > 0 ? '+' : '−'}${formatPoints(difference)}`;
}
