// The quota funnel: prospects needed, the open deals the pipeline holds, the wins needed and the deals
// already won, each named with its count beside a centred bar narrowing down (plain SVG: no chart library).
import { useTranslation } from 'react-i18next';

export interface FunnelStep {
  key: string;
  label: string;
  value: number;
}

const WIDTH = 420;
const LABEL_WIDTH = 180;
const BAR_AREA = WIDTH - LABEL_WIDTH;
const STEP_HEIGHT = 44;

/** A funnel of counts, each bar as wide as its share of the largest. */
export function QuotaFunnel({ steps }: { steps: FunnelStep[] }) {
  const { t } = useTranslation();
  const largest = Math.max(1, ...steps.map((s) => s.value));
  const colors = ['#1864ab', '#1971c2', '#2f9e44', '#2b8a3e'];
  return (
    <svg viewBox={`0 0 ${WIDTH} ${steps.length * STEP_HEIGHT}`} width="100%" style={{ maxWidth: WIDTH }} role="img" aria-label={t('forecast.planner.funnel')}>
      <title>{steps.map((s) => `${s.label}: ${s.value}`).join('; ')}</title>
      {steps.map((step, i) => {
        const width = Math.max(0.04, step.value / largest) * BAR_AREA;
        return (
          <g key={step.key} transform={`translate(0, ${i * STEP_HEIGHT})`}>
            <text x={0} y={(STEP_HEIGHT - 6) / 2} dominantBaseline="middle" fill="#212529" fontSize={13}>
              {`${step.label}: ${step.value}`}
            </text>
            <rect x={LABEL_WIDTH + (BAR_AREA - width) / 2} width={width} height={STEP_HEIGHT - 6} rx={4} fill={colors[i % colors.length]} />
          </g>
        );
      })}
    </svg>
  );
}
