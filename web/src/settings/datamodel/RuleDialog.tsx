// A new sharing rule: the records of an object that match conditions (built like a list's filter)
// are shared with a team or a role, to read or to edit.
import { useMemo, useState } from 'react';
import { Code, Group, Input, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { request } from '../../app/api.ts';
import { useLabel, useObjects, type ObjectDef } from '../../app/metadata.ts';
import { FilterBar, type Condition } from '../../records/FilterBar.tsx';
import { filterFields, toFilter } from '../../records/filter-language.ts';
import { isOwnedChild } from './admin-metadata.ts';
import { FieldProblem, useFormAction } from '../../app/form-problem.ts';
import { FormDialog } from '../../components/FormDialog.tsx';
import { roleName, type RoleRow, type TeamRow } from './usePrincipals.ts';

interface Props {
  objects: ObjectDef[];
  teams: TeamRow[];
  roles: RoleRow[];
  onClose: () => void;
  onCreated: () => void;
}

export function RuleDialog({ objects, teams, roles, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const pick = useLabel();
  const { data: all } = useObjects();
  const shareable = objects.filter((o) => !o.isReadOnly && !isOwnedChild(o));
  const [objectName, setObjectName] = useState(shareable[0]?.name ?? '');
  const [name, setName] = useState('');
  const [conditions, setConditions] = useState<Condition[]>([]);
  const [principalType, setPrincipalType] = useState<'team' | 'role'>('team');
  const [principalId, setPrincipalId] = useState<string | null>(null);
  const [access, setAccess] = useState<'read' | 'edit'>('read');
  const def = shareable.find((o) => o.name === objectName);
  const filter = useMemo(() => (def ? toFilter(filterFields(def, all), conditions) : ''), [def, all, conditions]);
  const principals =
    principalType === 'team'
      ? teams.map((team) => ({ value: team.id, label: team.name }))
      : roles.map((role) => ({ value: role.id, label: roleName(role, pick) }));

  const form = useFormAction(async () => {
    if (!filter) throw new FieldProblem({ filter: t('settingsData.rule.needsCondition') });
    await request('POST', '/api/v1/admin/sharing-rules', {
      objectName,
      name: name.trim(),
      filter,
      principalType,
      principalId: principalId ?? '',
      access,
    });
    onCreated();
  });
  const errors = form.problem?.fields ?? {};

  return (
    <FormDialog
      title={t('settingsData.rule.createTitle')}
      size="xl"
      form={form}
      submitLabel={t('settingsData.rule.create')}
      onClose={onClose}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('settingsData.rule.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
        />
        <Select
          label={t('settingsData.sharing.object')}
          required
          allowDeselect={false}
          data={shareable.map((o) => ({ value: o.name, label: pick(o.labelPlural) }))}
          value={objectName}
          onChange={(value) => {
            setObjectName(value ?? '');
            setConditions([]); // conditions name the previous object's fields
          }}
          error={errors.objectName}
        />
      </SimpleGrid>
      <Input.Wrapper label={t('settingsData.rule.records')} description={t('settingsData.rule.recordsHint')} error={errors.filter}>
        <Stack gap={4} mt={4}>
          {def && <FilterBar key={def.name} def={def} conditions={conditions} onChange={setConditions} />}
          <Text size="xs" c="dimmed">
            {t('settingsData.rule.filterText')} <Code>{filter || '—'}</Code>
          </Text>
        </Stack>
      </Input.Wrapper>
      <Group align="flex-end" wrap="wrap">
        <Input.Wrapper label={t('settingsData.rule.sharedWithKind')}>
          <div>
            <SegmentedControl
              value={principalType}
              onChange={(value) => {
                setPrincipalType(value as 'team' | 'role');
                setPrincipalId(null);
              }}
              data={[
                { value: 'team', label: t('settingsData.rule.team') },
                { value: 'role', label: t('settingsData.rule.role') },
              ]}
              aria-label={t('settingsData.rule.sharedWithKind')}
            />
          </div>
        </Input.Wrapper>
        <Select
          label={t('settingsData.rule.sharedWith')}
          required
          searchable
          data={principals}
          value={principalId}
          onChange={setPrincipalId}
          error={errors.principalId}
          nothingFoundMessage={t('settingsData.rule.noPrincipals')}
          style={{ flex: 1, minWidth: 200 }}
        />
        <Select
          label={t('settingsData.rule.access')}
          allowDeselect={false}
          data={[
            { value: 'read', label: t('settingsData.rule.accessRead') },
            { value: 'edit', label: t('settingsData.rule.accessEdit') },
          ]}
          value={access}
          onChange={(value) => setAccess(value === 'edit' ? 'edit' : 'read')}
          error={errors.access}
          w={160}
        />
      </Group>
    </FormDialog>
  );
}
