// A report as its reader sees it: the pre-filled summary, the answers, who it was sent to and who has
// read it, and the comments. Opening it marks it read for this reader (never for its author).
import { useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, Skeleton, Stack, Text, Textarea, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { SummaryView } from './SummaryView.tsx';
import { useSession } from '../../app/session.tsx';
import { addComment, formatMoment, labelIn, markRead, questionsOf, summaryOf, useRefreshReports, useReport } from './work-reports.ts';

export default function ReportScreen() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { language } = useLanguage();
  const { user } = useSession();
  const view = useReport(id);
  const refresh = useRefreshReports();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isSending, setSending] = useState(false);
  const isSubmitted = view.data?.report.status === 'submitted';

  useEffect(() => {
    if (!isSubmitted) return;
    // Read once it is shown; the team view's unread count follows.
    void markRead(id).then(refresh, () => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, isSubmitted]);

  const send = async () => {
    setSending(true);
    setError(null);
    try {
      await addComment(id, comment.trim());
      setComment('');
      await refresh();
    } catch (caught) {
      setError(caught instanceof ApiError ? (caught.problem.errors?.[0]?.message ?? caught.message) : t('common.error'));
    } finally {
      setSending(false);
    }
  };

  if (view.isPending) return <Skeleton h={320} />;
  if (view.isError) return <Alert color="red">{view.error.message}</Alert>;
  const { report, template, authorName, recipients, comments, reads } = view.data;
  const answers = (report.answers ?? {}) as Record<string, string>;
  const time = (iso: string) => formatMoment(iso, i18n.language, user.timeZone);

  return (
    <Stack>
      <Anchor component={Link} to="/reports/mine" size="sm">
        {t('workReports.mine.title')}
      </Anchor>
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>{String(report.title)}</Title>
        <Badge color={isSubmitted ? 'teal.9' : 'gray.8'} variant="filled">
          {t(isSubmitted ? 'workReports.status.submitted' : 'workReports.status.draft')}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed">
        {[authorName, report.submittedAt ? t('workReports.submittedAt', { time: time(String(report.submittedAt)) }) : null].filter(Boolean).join(' · ')}
      </Text>
      {recipients.length > 0 && (
        <Text size="sm">{t('workReports.sentTo', { names: recipients.map((r) => r.name ?? '?').join(language === 'en' ? ', ' : '、') })}</Text>
      )}
      <SummaryView summary={summaryOf(report)} />
      <Card withBorder padding="md" component="section" aria-label={t('workReports.answers')}>
        <Stack gap="sm">
          {questionsOf(template).map((q) => (
            <div key={q.key}>
              <Text fw={600}>{labelIn(q.label, language)}</Text>
              <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{answers[q.key] || t('workReports.noAnswer')}</Text>
            </div>
          ))}
        </Stack>
      </Card>
      <Text size="sm" c="dimmed">
        {reads.length ? t('workReports.readBy', { names: reads.map((r) => r.readerName ?? '?').join(language === 'en' ? ', ' : '、') }) : t('workReports.unreadByAll')}
      </Text>
      <Title order={2} size="h4">
        {t('workReports.comments')}
      </Title>
      {comments.length === 0 && <Text c="dimmed">{t('workReports.noComments')}</Text>}
      <Stack gap="xs" component="ul" aria-label={t('workReports.comments')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {comments.map((c) => (
          <Card key={c.id} withBorder padding="sm" component="li">
            <Text size="sm" fw={600}>
              {c.authorName ?? '?'}{' '}
              <Text span size="xs" c="dimmed" fw={400}>
                {time(c.createdAt)}
              </Text>
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{c.body}</Text>
          </Card>
        ))}
      </Stack>
      {isSubmitted && (
        <Stack gap="xs">
          <Textarea label={t('workReports.addComment')} autosize minRows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
          {error && <Alert color="red">{error}</Alert>}
          <Group>
            <Button onClick={send} loading={isSending} disabled={!comment.trim()}>
              {t('workReports.sendComment')}
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
