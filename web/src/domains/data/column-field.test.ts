// A new field for an import column: its type judged from the file's values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suggestFieldFor } from './column-field.ts';

test('numbers, yes/no, repeated words and free text each suggest their own type', () => {
  assert.deepEqual(suggestFieldFor('MonthlyCharges', ['29.85', '56.95', '', '108.15']), { label: 'MonthlyCharges', type: 'number' });
  assert.deepEqual(suggestFieldFor(' Partner ', ['Yes', 'No', 'No', 'yes']), { label: 'Partner', type: 'boolean' });
  assert.deepEqual(suggestFieldFor('Contract', ['Month-to-month', 'One year', 'Month-to-month', 'Two year']), {
    label: 'Contract',
    type: 'select',
    options: ['Month-to-month', 'One year', 'Two year'],
  });
  assert.deepEqual(suggestFieldFor('customerID', ['7590-VHVEG', '5575-GNVDE', '3668-QPYBK']), { label: 'customerID', type: 'text' });
  assert.deepEqual(suggestFieldFor('备注', []), { label: '备注', type: 'text' });
});
