import { DomainError, ErrorCode } from '@app/domain';
import { EmissionInventoriesRepository } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AdminPrincipal } from '../auth/citizen-principal.js';
import type { CorrectInventoryDto, InventoryDto } from './dto/neutrality.dto.js';
import { inventoryLines } from './inventory-lines.js';
import { NeutralityService } from './neutrality.service.js';

/**
 * Correcting a recorded year: a new revision with the full corrected lines and why; the earlier
 * revisions stay (certificates were issued against them). Retirements already made keep counting for
 * the year; the year's figures and statement follow the latest revision.
 */
@Injectable()
export class InventoryCorrectionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly inventories: EmissionInventoriesRepository,
    private readonly neutrality: NeutralityService,
  ) {}

  async correct(
    admin: AdminPrincipal,
    organisationId: string,
    year: number,
    body: CorrectInventoryDto,
  ): Promise<InventoryDto> {
    const organisation = await this.neutrality.institution(organisationId);
    const { lines, total } = inventoryLines(body.lines);
    // Under the year's lock: a retirement never checks its room against a revision being replaced.
    await this.inventories.whileLocked(organisation.id, year, async () => {
      const current = await this.inventories.find(organisation.id, year);
      if (!current)
        throw new DomainError(ErrorCode.InventoryNotFound, `${organisation.name} has no ${year} inventory`);
      const id = await this.dataSource.transaction((manager) =>
        this.inventories.insert(
          manager,
          { organisationId: organisation.id, year, totalGrams: total, recordedBy: admin.adminId },
          lines,
          { correcting: current.revision, note: body.note },
        ),
      );
      if (!id) throw new DomainError(ErrorCode.InventoryExists, `${year} was corrected meanwhile`, { year });
    });
    return this.neutrality.inventory(organisationId, year);
  }
}
