// "My reports": write today's 日报 or this week's 周报. The summary of what I logged is pre-filled and
// read-only; the template's questions, the people to copy and submit are mine. Below, my past reports.
import { useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, MultiSelect, SegmentedControl, Skeleton, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { useLanguage } from '../../i18n/use-language.ts';
import { ReceivedReports } from './ReceivedReports.tsx';
import { SummaryView } from './SummaryView.tsx';
import { formatMoment, labelIn, questionsOf, saveDraft, submitReport, summaryOf, useDraft, useMyReports, usePeople, useRefreshReports, type ReportKind } from './work-reports.ts';

export default function MyReportsScreen() {
  const { t, i18n } = useTranslation();
  const { language } = useLanguage();
  const { user } = useSession();
  const [kind, setKind] = useState<ReportKind>('daily');
  const [date, setDate] = useState('');
  const draft = useDraft(kind, date);
  const people = usePeople();
  const mine = useMyReports(user.id);
  const refresh = useRefreshReports();
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [ccIds, setCcIds] = useState<string[]>([]);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  const report = draft.data?.report;
  const questions = questionsOf(draft.data?.template);
  const isSubmitted = report?.status === 'submitted';

  useEffect(() => {
    setAnswers((report?.answers as Record<string, string> | null) ?? {});
    setCcIds((report?.ccIds as string[] | null) ?? []);
    setProblem(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- taken from the server when another report (or its submission) arrives, never while typing
  }, [report?.id, report?.status]);

  const fieldError = (key: string) => problem?.problem.errors?.find((e) => e.field === `answers.${key}`)?.message;
  const [saved, setSaved] = useState(false);
  const run = async (work: () => Promise<unknown>) => {
    if (!report) return;
    setSubmitting(true);
    setProblem(null);
    setSaved(false);
    try {
      await work();
      await refresh();
    } catch (caught) {
      setProblem(caught instanceof ApiError ? caught : new ApiError({ status: 0, detail: t('common.error') }));
    } finally {
      setSubmitting(false);
    }
  };
  const submit = () => run(() => submitReport(String(report!.id), answers, ccIds));
  const save = () => run(async () => {
    await saveDraft(report!, answers, ccIds);
    setSaved(true);
  });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('workReports.mine.title')}</Title>
        <Group gap="xs">
          <Button component={Link} to="/reports/team" variant="default">
            {t('workReports.team.title')}
          </Button>
          {user.isAdmin && (
            <Button component={Link} to="/reports/templates" variant="default">
              {t('workReports.templates.title')}
            </Button>
          )}
        </Group>
      </Group>
      <Group align="flex-end" wrap="wrap">
        <SegmentedControl
          aria-label={t('workReports.kind')}
          value={kind}
          onChange={(value) => setKind(value as ReportKind)}
          data={[
            { value: 'daily', label: t('workReports.daily') },
            { value: 'weekly', label: t('workReports.weekly') },
          ]}
        />
        <TextInput type="date" label={t('workReports.date')} description={t('workReports.dateHint')} value={date} onChange={(e) => setDate(e.currentTarget.value)} />
      </Group>
      {draft.isPending && <Skeleton h={240} />}
      {draft.isError && <Alert color="red">{draft.error.message}</Alert>}
      {report && (
        <Card withBorder padding="md">
          <Stack>
            <Group justify="space-between" wrap="wrap">
              <Title order={2} size="h3">
                {String(report.title)}
              </Title>
              <Badge color={isSubmitted ? 'teal.9' : 'gray.8'} variant="filled">
                {t(isSubmitted ? 'workReports.status.submitted' : 'workReports.status.draft')}
              </Badge>
            </Group>
            {draft.data?.deadline && !isSubmitted && (
              <Text size="sm" c="dimmed">
                {t('workReports.deadline', { time: formatMoment(draft.data.deadline!, i18n.language, user.timeZone) })}
              </Text>
            )}
            <SummaryView summary={summaryOf(report)} />
            {questions.map((q) => (
              <Textarea
                key={q.key}
                label={labelIn(q.label, language)}
                required={q.isRequired}
                autosize
                minRows={2}
                readOnly={isSubmitted}
                value={answers[q.key] ?? ''}
                error={fieldError(q.key)}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setAnswers((current) => ({ ...current, [q.key]: value }));
                }}
              />
            ))}
            <MultiSelect
              label={t('workReports.cc')}
              description={t('workReports.ccHint')}
              searchable
              disabled={isSubmitted}
              data={(people.data?.data ?? []).filter((p) => p.id !== user.id).map((p) => ({ value: String(p.id), label: String(p.name) }))}
              value={ccIds}
              onChange={setCcIds}
            />
            {problem && !problem.problem.errors?.some((e) => e.field.startsWith('answers.')) && <Alert color="red">{problem.problem.errors?.[0]?.message ?? problem.message}</Alert>}
            <Group>
              {isSubmitted ? (
                <Button component={Link} to={`/reports/${String(report.id)}`} variant="light">
                  {t('workReports.openSubmitted')}
                </Button>
              ) : (
                <>
                  <Button onClick={submit} loading={isSubmitting}>
                    {t('workReports.submit')}
                  </Button>
                  <Button variant="default" onClick={save} disabled={isSubmitting}>
                    {t('workReports.saveDraft')}
                  </Button>
                  {saved && (
                    <Text size="sm" c="dimmed" role="status">
                      {t('workReports.draftSaved')}
                    </Text>
                  )}
                </>
              )}
            </Group>
          </Stack>
        </Card>
      )}
      <ReceivedReports userId={user.id} />
      <Title order={2} size="h4">
        {t('workReports.mine.history')}
      </Title>
      {mine.data?.data.length === 0 && <Text c="dimmed">{t('workReports.mine.none')}</Text>}
      <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {mine.data?.data.map((r) => (
          <li key={r.id}>
            <Group gap="xs">
              <Anchor component={Link} to={`/reports/${r.id}`}>
                {String(r.title)}
              </Anchor>
              <Text size="sm" c="dimmed">
                {t(r.status === 'submitted' ? 'workReports.status.submitted' : 'workReports.status.draft')}
              </Text>
            </Group>
          </li>
        ))}
      </Stack>
    </Stack>
  );
}
