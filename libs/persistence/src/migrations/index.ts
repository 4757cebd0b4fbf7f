import { Foundation1763712000000 } from './1763712000000-Foundation.js';
import { MethodologyAdmin1763798400000 } from './1763798400000-MethodologyAdmin.js';
import { CrossSourceDedup1763884800000 } from './1763884800000-CrossSourceDedup.js';
import { PointsAndPools1763971200000 } from './1763971200000-PointsAndPools.js';
import { ReconciliationRuns1764057600000 } from './1764057600000-ReconciliationRuns.js';
import { Partners1764144000000 } from './1764144000000-Partners.js';
import { Holds1764230400000 } from './1764230400000-Holds.js';
import { Catalog1764316800000 } from './1764316800000-Catalog.js';
import { SettlementQueueIndex1764316800001 } from './1764316800001-SettlementQueueIndex.js';
import { Engagement1764403200000 } from './1764403200000-Engagement.js';
import { QuantificationQueueIndex1764489600000 } from './1764489600000-QuantificationQueueIndex.js';
import { ReportRollups1764576000000 } from './1764576000000-ReportRollups.js';
import { LedgerEntryIndexes1764662400000 } from './1764662400000-LedgerEntryIndexes.js';
import { EventSubjects1764748800000 } from './1764748800000-EventSubjects.js';
import { RejectedActionsCreditNothing1764835200000 } from './1764835200000-RejectedActionsCreditNothing.js';
import { ActionReplacements1764849600000 } from './1764849600000-ActionReplacements.js';
import { ActionSearchIndex1764878400000 } from './1764878400000-ActionSearchIndex.js';
import { FactorEditions1764921600000 } from './1764921600000-FactorEditions.js';
import { IdempotencyRecords1765000000000 } from './1765000000000-IdempotencyRecords.js';
import { Organisations1765100000000 } from './1765100000000-Organisations.js';
import { EmissionInventories1765100000001 } from './1765100000001-EmissionInventories.js';
import { PostingActionId1765200000000 } from './1765200000000-PostingActionId.js';
import { OrganisationActionSubjects1765310000000 } from './1765310000000-OrganisationActionSubjects.js';
import { InventoryRevisions1765310000001 } from './1765310000001-InventoryRevisions.js';
import { CounterAccountShards1765320000000 } from './1765320000000-CounterAccountShards.js';
import { SlimActionIndexes1765320000001 } from './1765320000001-SlimActionIndexes.js';
import { LedgerReferencesPerStatement1765320000002 } from './1765320000002-LedgerReferencesPerStatement.js';
import { MonthlyPartitions1765330000000 } from './1765330000000-MonthlyPartitions.js';
import { HotAccountBalances1765350000000 } from './1765350000000-HotAccountBalances.js';
import { EntryPostingsByKeyTable1765350000001 } from './1765350000001-EntryPostingsByKeyTable.js';
import { ActionQueue1765360000000 } from './1765360000000-ActionQueue.js';
import { PostingKeysClaimedPerStatement1765360000010 } from './1765360000010-PostingKeysClaimedPerStatement.js';
import { PostingKeyLookupsByKeyTable1765360000011 } from './1765360000011-PostingKeyLookupsByKeyTable.js';
import { LotPostingsPerStatement1765360000012 } from './1765360000012-LotPostingsPerStatement.js';
import { ActionPostingsPerStatement1765360000013 } from './1765360000013-ActionPostingsPerStatement.js';
import { EntryReferencesByIndex1765360000014 } from './1765360000014-EntryReferencesByIndex.js';
import { LedgerCheckpoints1765360000040 } from './1765360000040-LedgerCheckpoints.js';

/** Every migration, oldest first. A new migration file is added here too. */
export const MIGRATIONS = [
  Foundation1763712000000,
  MethodologyAdmin1763798400000,
  CrossSourceDedup1763884800000,
  PointsAndPools1763971200000,
  ReconciliationRuns1764057600000,
  Partners1764144000000,
  Holds1764230400000,
  Catalog1764316800000,
  SettlementQueueIndex1764316800001,
  Engagement1764403200000,
  QuantificationQueueIndex1764489600000,
  ReportRollups1764576000000,
  LedgerEntryIndexes1764662400000,
  EventSubjects1764748800000,
  RejectedActionsCreditNothing1764835200000,
  ActionReplacements1764849600000,
  ActionSearchIndex1764878400000,
  FactorEditions1764921600000,
  IdempotencyRecords1765000000000,
  Organisations1765100000000,
  EmissionInventories1765100000001,
  PostingActionId1765200000000,
  OrganisationActionSubjects1765310000000,
  InventoryRevisions1765310000001,
  CounterAccountShards1765320000000,
  SlimActionIndexes1765320000001,
  LedgerReferencesPerStatement1765320000002,
  MonthlyPartitions1765330000000,
  HotAccountBalances1765350000000,
  EntryPostingsByKeyTable1765350000001,
  ActionQueue1765360000000,
  PostingKeysClaimedPerStatement1765360000010,
  PostingKeyLookupsByKeyTable1765360000011,
  LotPostingsPerStatement1765360000012,
  ActionPostingsPerStatement1765360000013,
  EntryReferencesByIndex1765360000014,
  LedgerCheckpoints1765360000040,
];
