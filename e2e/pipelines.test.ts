// Pipelines in a real browser: a sales administrator makes a pipeline with its stages in 简体中文, a
// rep moves a deal into "lost", is asked for the loss reason, and then sees the time in each stage.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPerson, shoot, signIn, startJourney, type Journey } from './support.ts';

let j: Journey;

before(async () => {
  j = await startJourney();
}, { timeout: 120_000 });
after(() => j.close(), { timeout: 60_000 });

test('an admin makes a pipeline in 简体中文; a rep loses a deal with its reason and sees the time in each stage', async () => {
  const admin = await createPerson(j, '李娜');
  const page = await signIn(j, admin.email);
  await page.goto(`${j.baseUrl}/sales/pipelines`);
  await page.getByRole('heading', { name: '销售流程', level: 1 }).waitFor();
  const create = page.getByRole('region', { name: '新建销售流程' });
  await create.getByRole('textbox', { name: '名称', exact: true }).fill('Hardware');
  await create.getByRole('textbox', { name: '中文名称' }).fill('硬件销售');
  await create.getByRole('button', { name: '创建销售流程' }).click();
  await page.getByRole('button', { name: '硬件销售' }).and(page.locator('[aria-current="page"]')).waitFor();

  const stages = page.getByRole('table', { name: '阶段' });
  const addStage = async (name: string, nameZh: string, probability: string, kind?: string, required?: string) => {
    await stages.getByRole('textbox', { name: '阶段名称' }).last().fill(name);
    await stages.getByRole('textbox', { name: '中文名称', exact: true }).last().fill(nameZh);
    await stages.getByRole('textbox', { name: '赢率' }).last().fill(probability);
    if (kind) {
      await stages.getByRole('combobox', { name: '类型' }).last().click();
      await page.getByRole('option', { name: kind }).click();
    }
    if (required) {
      // Mantine's pill box lies over the multi-select's own input: click that box.
      await stages.getByRole('combobox', { name: '进入所需字段' }).last().click({ force: true });
      await page.getByRole('option', { name: required }).click();
      await page.keyboard.press('Escape');
    }
    await stages.getByRole('button', { name: '添加阶段' }).click();
    await stages.getByRole('button', { name: `保存${nameZh}` }).waitFor();
  };
  await addStage('First contact', '初步接触', '10');
  await addStage('Lost', '输单', '0', '输单', '输单原因');
  await shoot(page, 'pipelines-zh');
  const pipeline = (await j.t.api('GET', `/api/v1/pipelines?filter=${encodeURIComponent("name eq 'Hardware'")}`)).body.data[0];
  const saved = (await j.t.api('GET', `/api/v1/pipelineStages?filter=${encodeURIComponent(`pipelineId eq '${pipeline.id}'`)}&sort=order`)).body.data;
  assert.deepEqual(saved.map((s: { nameZh: string; kind: string; requiredFields: string[] }) => [s.nameZh, s.kind, s.requiredFields]), [['初步接触', 'open', []], ['输单', 'lost', ['lossReason']]]);
  await page.context().close();

  const rep = await createPerson(j, '王强', { roleKey: 'sales_rep' });
  const deal = await j.t.create('opportunities', { name: '服务器采购项目', pipelineId: pipeline.id, ownerId: rep.id });
  const repPage = await signIn(j, rep.email);
  await repPage.goto(`${j.baseUrl}/opportunities/${deal.id}`);
  await repPage.getByRole('heading', { name: '服务器采购项目' }).waitFor();
  await repPage.getByRole('combobox', { name: '移至阶段' }).click();
  await repPage.getByRole('option', { name: '输单' }).click();
  await repPage.getByRole('button', { name: '移动', exact: true }).click();
  await repPage.getByText('进入此阶段需要填写以下字段：').waitFor();
  const reason = repPage.getByRole('textbox', { name: /^输单原因/ });
  await reason.fill('预算被取消');
  await shoot(repPage, 'stage-needs-reason-zh');
  await repPage.getByRole('button', { name: '移动', exact: true }).click();
  const times = repPage.getByRole('table', { name: '阶段' });
  await times.getByRole('cell', { name: '输单 · 当前' }).waitFor();
  await times.getByRole('row', { name: /初步接触\s*不到一小时/ }).waitFor();
  await repPage.getByText('阶段：初步接触 → 输单').waitFor();
  await shoot(repPage, 'stages-zh');
  const lost = (await j.t.api('GET', `/api/v1/opportunities/${deal.id}`)).body;
  assert.deepEqual([lost.stage, lost.lossReason, lost.probability], ['lost', '预算被取消', 0]);
  await repPage.context().close();
});
