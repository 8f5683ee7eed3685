// The report templates, for administrators: per template its name, kind, deadline, reminder and the
// ordered questions with their labels in both languages. Saved whole; the server checks every part.
import { useState } from 'react';
import { ActionIcon, Alert, Button, Card, Checkbox, Group, NumberInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../app/api.ts';
import type { RecordRow } from '../../records/useRecordList.ts';
import { questionsOf, useRefreshReports, useTemplates, type Question } from './work-reports.ts';

const newKey = (questions: Question[]) => {
  let n = questions.length + 1;
  while (questions.some((q) => q.key === `q${n}`)) n++;
  return `q${n}`;
};

function TemplateEditor({ template }: { template: RecordRow }) {
  const { t } = useTranslation();
  const refresh = useRefreshReports();
  const [name, setName] = useState(String(template.name ?? ''));
  const [deadlineTime, setDeadlineTime] = useState(String(template.deadlineTime ?? '18:00'));
  const [deadlineWeekday, setDeadlineWeekday] = useState(String(template.deadlineWeekday ?? 5));
  const [remind, setRemind] = useState<number | string>(Number(template.remindMinutesBefore ?? 30));
  const [isActive, setActive] = useState(template.isActive !== false);
  const [questions, setQuestions] = useState<Question[]>(questionsOf(template));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const change = (i: number, patch: Partial<Question>) => setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  const move = (i: number, by: number) =>
    setQuestions((qs) => {
      const next = [...qs];
      const [item] = next.splice(i, 1);
      next.splice(Math.min(Math.max(i + by, 0), next.length), 0, item!);
      return next;
    });
  const save = async () => {
    try {
      const body = { name, deadlineTime, deadlineWeekday: Number(deadlineWeekday), remindMinutesBefore: Number(remind), isActive, questions };
      await request('PATCH', `/api/v1/workReportTemplates/${template.id}`, body, { 'if-match': `"${template.version}"` });
      setMessage({ ok: true, text: t('workReports.templates.saved') });
      await refresh();
    } catch (caught) {
      setMessage({ ok: false, text: caught instanceof ApiError ? (caught.problem.errors?.map((e) => e.message).join(' ') ?? caught.message) : t('common.error') });
    }
  };
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: t(`workReports.templates.weekday${d}`) }));

  return (
    <Card withBorder padding="md" component="section" aria-label={name}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t(template.kind === 'weekly' ? 'workReports.weekly' : 'workReports.daily')}
        </Title>
        <Group grow wrap="wrap" align="flex-start">
          <TextInput label={t('workReports.templates.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={100} />
          <TextInput label={t('workReports.templates.deadlineTime')} type="time" value={deadlineTime} onChange={(e) => setDeadlineTime(e.currentTarget.value)} />
          {template.kind === 'weekly' && <Select label={t('workReports.templates.deadlineWeekday')} data={weekdays} value={deadlineWeekday} onChange={(v) => setDeadlineWeekday(v ?? '5')} allowDeselect={false} />}
          <NumberInput label={t('workReports.templates.remind')} min={0} max={1440} value={remind} onChange={setRemind} />
        </Group>
        <Checkbox label={t('workReports.templates.active')} checked={isActive} onChange={(e) => setActive(e.currentTarget.checked)} />
        <Text fw={600}>{t('workReports.templates.questions')}</Text>
        {questions.map((q, i) => (
          <Group key={q.key} align="flex-end" wrap="wrap" gap="xs">
            <TextInput label={t('workReports.templates.labelZh')} value={q.label['zh-CN']} onChange={(e) => change(i, { label: { ...q.label, 'zh-CN': e.currentTarget.value } })} style={{ flex: '1 1 160px' }} />
            <TextInput label={t('workReports.templates.labelEn')} value={q.label.en} onChange={(e) => change(i, { label: { ...q.label, en: e.currentTarget.value } })} style={{ flex: '1 1 160px' }} />
            <Checkbox label={t('workReports.templates.required')} checked={Boolean(q.isRequired)} onChange={(e) => change(i, { isRequired: e.currentTarget.checked })} mb={8} />
            <ActionIcon variant="default" size="lg" aria-label={t('workReports.templates.up')} disabled={i === 0} onClick={() => move(i, -1)}>
              ↑
            </ActionIcon>
            <ActionIcon variant="default" size="lg" aria-label={t('workReports.templates.down')} disabled={i === questions.length - 1} onClick={() => move(i, 1)}>
              ↓
            </ActionIcon>
            <Button variant="default" onClick={() => setQuestions((qs) => qs.filter((_, j) => j !== i))}>
              {t('workReports.templates.remove')}
            </Button>
          </Group>
        ))}
        <Group>
          <Button variant="default" onClick={() => setQuestions((qs) => [...qs, { key: newKey(qs), label: { en: '', 'zh-CN': '' } }])}>
            {t('workReports.templates.addQuestion')}
          </Button>
          <Button onClick={save}>{t('common.save')}</Button>
        </Group>
        {message && <Alert color={message.ok ? 'green' : 'red'}>{message.text}</Alert>}
      </Stack>
    </Card>
  );
}

export default function TemplatesScreen() {
  const { t } = useTranslation();
  const templates = useTemplates();
  return (
    <Stack>
      <Title order={1}>{t('workReports.templates.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('workReports.templates.intro')}
      </Text>
      {templates.isError && <Alert color="red">{templates.error.message}</Alert>}
      {templates.data?.data.map((template) => <TemplateEditor key={template.id} template={template} />)}
    </Stack>
  );
}
