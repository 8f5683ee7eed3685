// Writing an announcement: title, column, rich text, audience (everyone or chosen teams), pinned,
// e-mail, expiry, and whether it is published now. The server sanitises the text and checks the teams.
import { lazy, Suspense, useState } from 'react';
import { MultiSelect, SegmentedControl, Select, Skeleton, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { request } from '../../app/api.ts';
import { useFormAction } from '../../app/form-problem.ts';
import { FormDialog } from '../../components/FormDialog.tsx';
import { useLanguage } from '../../i18n/use-language.ts';
import { columnName, useColumns, useTeams, type Announcement } from './bulletin.ts';

const RichTextInput = lazy(() => import('../../records/RichTextInput.tsx'));

interface Props {
  /** The announcement to change; a new one when absent. */
  announcement?: Announcement;
  columnId?: string | null;
  onClose: () => void;
  onSaved: (saved: Announcement) => void;
}

/** `datetime-local` text from an ISO time and back (the browser's own time zone). */
const toLocalInput = (iso: string | null | undefined) => (iso ? new Date(new Date(iso).getTime() - new Date(iso).getTimezoneOffset() * 60_000).toISOString().slice(0, 16) : '');
const fromLocalInput = (text: string) => (text ? new Date(text).toISOString() : null);

/** The editor dialog of an announcement. */
export function AnnouncementEditor({ announcement, columnId, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const client = useQueryClient();
  const columns = useColumns();
  const teams = useTeams();
  const [title, setTitle] = useState(announcement?.title ?? '');
  const [column, setColumn] = useState<string | null>(announcement?.columnId ?? columnId ?? null);
  const [body, setBody] = useState<string | null>(announcement?.body ?? null);
  const [audience, setAudience] = useState<string>(announcement?.audience ?? 'everyone');
  const [teamIds, setTeamIds] = useState<string[]>(announcement?.audienceTeamIds ?? []);
  const [isPinned, setPinned] = useState(announcement?.isPinned ?? false);
  const [isEmailed, setEmailed] = useState(announcement?.isEmailed ?? false);
  const [expiresAt, setExpiresAt] = useState(toLocalInput(announcement?.expiresAt));
  const [isPublished, setPublished] = useState(announcement ? announcement.status === 'published' : true);

  const form = useFormAction(async () => {
    const values = {
      title,
      columnId: column,
      body,
      audience,
      audienceTeamIds: audience === 'teams' ? teamIds : null,
      isPinned,
      isEmailed,
      expiresAt: fromLocalInput(expiresAt),
      status: isPublished ? 'published' : announcement?.status === 'archived' ? 'archived' : 'draft',
    };
    const saved = announcement
      ? await request<Announcement>('PATCH', `/api/v1/announcements/${announcement.id}`, values, { 'if-match': `"${announcement.version}"` })
      : await request<Announcement>('POST', '/api/v1/announcements', values);
    await client.invalidateQueries({ queryKey: ['list', 'announcements'] });
    await client.invalidateQueries({ queryKey: ['record', 'announcements', saved.data.id] });
    onSaved(saved.data);
    onClose();
  });
  const error = (field: string) => form.problem?.fields[field];

  return (
    <FormDialog
      title={announcement ? t('bulletin.editor.editTitle') : t('bulletin.editor.newTitle')}
      size="xl"
      form={form}
      submitLabel={isPublished ? t('bulletin.editor.publish') : t('bulletin.editor.saveDraft')}
      onClose={onClose}
    >
      <TextInput label={t('bulletin.editor.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={error('title')} withAsterisk data-autofocus />
      <Select
        label={t('bulletin.editor.column')}
        data={(columns.data?.data ?? []).map((c) => ({ value: c.id, label: columnName(c, language) }))}
        value={column}
        onChange={setColumn}
        clearable
        error={error('columnId')}
      />
      <Suspense fallback={<Skeleton h={180} />}>
        <RichTextInput label={t('bulletin.editor.body')} value={body ?? ''} error={error('body')} onChange={setBody} />
      </Suspense>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="bulletin-audience">
          {t('bulletin.editor.audience')}
        </Text>
        <SegmentedControl
          aria-labelledby="bulletin-audience"
          value={audience}
          onChange={setAudience}
          data={[
            { value: 'everyone', label: t('bulletin.audience.everyone') },
            { value: 'teams', label: t('bulletin.audience.teams') },
          ]}
        />
      </Stack>
      {audience === 'teams' && (
        <MultiSelect
          label={t('bulletin.editor.teams')}
          data={(teams.data?.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
          value={teamIds}
          onChange={setTeamIds}
          searchable
          error={error('audienceTeamIds')}
          withAsterisk
        />
      )}
      <TextInput type="datetime-local" label={t('bulletin.editor.expiresAt')} value={expiresAt} onChange={(e) => setExpiresAt(e.currentTarget.value)} error={error('expiresAt')} />
      <Switch label={t('bulletin.editor.pinned')} checked={isPinned} onChange={(e) => setPinned(e.currentTarget.checked)} />
      <Switch label={t('bulletin.editor.emailed')} checked={isEmailed} onChange={(e) => setEmailed(e.currentTarget.checked)} />
      <Switch label={t('bulletin.editor.publishNow')} checked={isPublished} onChange={(e) => setPublished(e.currentTarget.checked)} />
    </FormDialog>
  );
}
