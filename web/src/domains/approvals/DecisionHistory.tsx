// The decisions on a request, oldest first: who (and for whom, when delegated), what, when, and why.
import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { statusColors, type ApprovalDecision } from './approvals.ts';

const decisionColors: Record<string, string> = { submit: 'indigo.9', approve: statusColors.approved!, reject: statusColors.rejected!, sendBack: statusColors.sentBack!, withdraw: 'gray.8' };

export function DecisionHistory({ decisions }: { decisions: ApprovalDecision[] }) {
  const { t, i18n } = useTranslation();
  const when = (at: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
  return (
    <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('approvals.history')}>
      {decisions.map((d) => (
        <li key={d.id}>
          <Group gap="xs" wrap="wrap">
            <Badge color={decisionColors[d.decision] ?? 'gray.8'} variant="filled">
              {t(`approvals.decisions.${d.decision}`)}
            </Badge>
            <Text size="sm" fw={600}>
              {d.onBehalfOfName ? t('approvals.onBehalfOf', { name: d.deciderName ?? '—', other: d.onBehalfOfName }) : (d.deciderName ?? '—')}
            </Text>
            {d.stepName && d.decision !== 'submit' && (
              <Text size="sm" c="dimmed">
                {d.stepName}
              </Text>
            )}
            <Text size="sm" c="dimmed">
              {when(d.decidedAt)}
            </Text>
          </Group>
          {d.comment && (
            <Text size="sm" mt={2} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
              {d.comment}
            </Text>
          )}
        </li>
      ))}
    </Stack>
  );
}
