import { TestEnvironment } from './support/environment.js';
import { RAW_POSTINGS_SQL, rawPostingParams } from './support/raw-postings.js';

const UUID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

/**
 * The typed ids generated beside the ledger's text ids (migration PostingActionId): set exactly when
 * the text is a uuid as PostgreSQL prints one, so a join on them matches what comparing the printed
 * uuid with the text matched; any other text is still accepted and gets no typed id.
 */
describe('typed ids beside the ledger text ids', () => {
  let env: TestEnvironment;

  beforeAll(async () => {
    env = await TestEnvironment.create();
  });

  afterAll(async () => {
    await env?.dispose();
  });

  it("gives an 'action' posting its action id when the cause id is a printed uuid, and only then", async () => {
    const rows = await env.query<{ action_id: string | null }>(
      RAW_POSTINGS_SQL,
      rawPostingParams([
        { key: 'typed-1', causeId: UUID },
        { key: 'typed-2', causeId: UUID.toUpperCase() },
        { key: 'typed-3', causeId: 'raw' },
        { key: 'typed-4', causeType: 'hold', causeId: UUID },
      ]),
    );
    expect(rows.map((r) => r.action_id)).toEqual([UUID, null, null, null]);
  });

  it("gives a citizen's account its citizen id when the owner is a printed uuid, and only then", async () => {
    const rows = await env.query<{ citizen_id: string | null }>(
      `INSERT INTO accounts (kind, owner, asset)
       VALUES ('citizen_carbon', $1, 'CO2E_G'), ('citizen_points', $1, 'POINTS'), ('points_held', $1, 'POINTS'),
              ('citizen_points', 'c-typed', 'POINTS'), ('partner_clearing', $1, 'POINTS')
       RETURNING citizen_id`,
      [UUID],
    );
    expect(rows.map((r) => r.citizen_id)).toEqual([UUID, UUID, UUID, null, null]);
  });
});
