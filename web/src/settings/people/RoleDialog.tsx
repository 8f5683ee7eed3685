// Creates a role: its key (for the API and imports) and its name in both languages. It starts with
// no permissions; the administrator then ticks what it may do.
import { useState } from 'react';
import { TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { request } from '../../app/api.ts';
import { useFormAction } from '../../app/form-problem.ts';
import { FormDialog } from '../../components/FormDialog.tsx';
import { adminPath, type Role } from './admin-api.ts';

/** The new-role dialog; `onCreated` gets the new role so the screen can open it. */
export function RoleDialog({ onCreated, onClose }: { onCreated: (role: Role) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [key, setKey] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [nameZh, setNameZh] = useState('');
  const form = useFormAction(async () => {
    const body = { key: key.trim(), name: { en: nameEn.trim(), 'zh-CN': nameZh.trim() }, permissions: { objects: {}, fields: {} } };
    const { data } = await request<Role>('POST', `${adminPath}/roles`, body);
    await client.invalidateQueries({ queryKey: ['admin', 'roles'] });
    onCreated(data);
  });
  const errors = form.problem?.fields ?? {};

  return (
    <FormDialog title={t('settingsPeople.roles.new')} form={form} submitLabel={t('settingsPeople.roles.create')} onClose={onClose}>
      <TextInput
        label={t('settingsPeople.roles.key')}
        description={t('settingsPeople.roles.keyHint')}
        withAsterisk
        value={key}
        onChange={(e) => setKey(e.currentTarget.value)}
        error={errors.key}
        autoComplete="off"
        data-autofocus
      />
      <TextInput
        label={t('settingsPeople.roles.nameZh')}
        withAsterisk
        value={nameZh}
        onChange={(e) => setNameZh(e.currentTarget.value)}
        error={errors['name.zh-CN'] ?? errors.name}
      />
      <TextInput
        label={t('settingsPeople.roles.nameEn')}
        withAsterisk
        value={nameEn}
        onChange={(e) => setNameEn(e.currentTarget.value)}
        error={errors['name.en'] ?? errors.name}
      />
    </FormDialog>
  );
}
