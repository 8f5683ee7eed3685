// The lead score's model: how well it ranks held-out leads (AUC), when and on how many leads it was
// trained, and what weighs most; administrators may retrain it at once (a job does it every night).
import { useState } from 'react';
import { Alert, Button, Card, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../app/api.ts';
import { useLabel, useObjects } from '../../app/metadata.ts';
import { describeFeature, useScoreModel, type TrainingSummary } from './leads.ts';

/** Words for a model feature (`source=web` → "Source: Website"), from the leads object's labels. */
export function useFeatureWords() {
  const { t } = useTranslation();
  const pick = useLabel();
  const lead = useObjects().data?.get('leads');
  const field = (name: string) => lead?.fields.find((f) => f.name === name);
  return (feature: string) =>
    describeFeature(feature, {
      fieldLabel: (name) => (field(name) ? pick(field(name)!.label) : name),
      optionLabel: (name, value) => {
        const option = field(name)?.options?.find((o) => o.value === value);
        return option ? pick(option.label) : value;
      },
      pair: (name, value) => t('leads.score.pair', { field: name, value }),
      hasEmail: t('leads.score.hasEmail'),
      hasPhone: t('leads.score.hasPhone'),
    });
}

export function LeadScorePanel({ canTrain }: { canTrain: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const score = useScoreModel();
  const words = useFeatureWords();
  const [message, setMessage] = useState<{ isError: boolean; text: string } | null>(null);
  const trainNow = async () => {
    setMessage(null);
    try {
      const { data } = await request<TrainingSummary>('POST', '/api/v1/sales/lead-score/train');
      await client.invalidateQueries({ queryKey: ['leads', 'score'] });
      setMessage({ isError: false, text: t('leads.score.trained', { count: data.judgedCount }) });
    } catch (caught) {
      setMessage({ isError: true, text: caught instanceof ApiError ? caught.message : t('common.error') });
    }
  };
  if (score.isPending) return <Skeleton h={200} />;
  const model = score.data?.model;

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('leads.score.intro')}
      </Text>
      {!model && <Text>{t('leads.score.none')}</Text>}
      {model && (
        <Card withBorder>
          <Stack gap="xs">
            <Group gap="xl">
              <div>
                <Text size="xs" c="dimmed">
                  {t('leads.score.auc')}
                </Text>
                <Text fw={700} size="xl" data-testid="lead-score-auc">
                  {model.auc === null ? '—' : model.auc.toFixed(2)}
                </Text>
              </div>
              <div>
                <Text size="xs" c="dimmed">
                  {t('leads.score.trainedAt')}
                </Text>
                <Text>{new Date(model.trainedAt).toLocaleString(i18n.language)}</Text>
              </div>
              <div>
                <Text size="xs" c="dimmed">
                  {t('leads.score.counts')}
                </Text>
                <Text>{t('leads.score.countsValue', { training: model.trainingCount, heldOut: model.heldOutCount })}</Text>
              </div>
            </Group>
            <Text size="sm" c="dimmed">
              {t('leads.score.aucHelp')}
            </Text>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('leads.score.feature')}</Table.Th>
                  <Table.Th>{t('leads.score.weight')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {model.weights.map((w) => (
                  <Table.Tr key={w.feature}>
                    <Table.Td>{words(w.feature)}</Table.Td>
                    <Table.Td>{w.weight > 0 ? `+${w.weight}` : w.weight}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        </Card>
      )}
      {message && (
        <Alert color={message.isError ? 'red' : 'green'} role={message.isError ? 'alert' : 'status'}>
          {message.text}
        </Alert>
      )}
      {canTrain && (
        <Group>
          <Button onClick={trainNow}>{t('leads.score.trainNow')}</Button>
        </Group>
      )}
    </Stack>
  );
}
