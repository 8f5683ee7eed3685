// Choosing a user to narrow the audit log to: searched by name or e-mail as you type.
import { useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, query } from '../../app/api.ts';

interface UserRow {
  id: string;
  name: string;
  email: string;
}

export function ActorSelect({ value, onChange }: { value: string | null; onChange: (id: string | null) => void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [debounced] = useDebouncedValue(typed.trim(), 200);
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const users = useQuery({
    queryKey: ['settingsData', 'users', debounced],
    queryFn: () => get<{ data: UserRow[] }>(`/api/v1/admin/users${query({ q: debounced, limit: 20 })}`),
  });
  const options = (users.data?.data ?? []).map((u) => ({ value: u.id, label: `${u.name} <${u.email}>` }));
  const data = chosen && !options.some((o) => o.value === chosen.value) ? [chosen, ...options] : options;
  return (
    <Select
      label={t('settingsData.audit.actor')}
      searchable
      clearable
      data={data}
      value={value}
      onChange={(id, option) => {
        setChosen(id ? option : null);
        onChange(id);
      }}
      onSearchChange={setTyped}
      filter={({ options: all }) => all}
      nothingFoundMessage={t('search.empty')}
      w={240}
    />
  );
}
