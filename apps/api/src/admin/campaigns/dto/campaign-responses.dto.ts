import { ApiProperty } from '@nestjs/swagger';
import { instant, nullableInstant } from '../../../common/response-types.js';

export class CampaignDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '全国低碳日 · 济南' }) name!: string;
  @ApiProperty({ type: [String], nullable: true, description: 'district codes; null = everywhere' })
  regionScope!: string[] | null;
  @ApiProperty({ type: [String], nullable: true, description: 'null = every methodology' })
  methodologies!: string[] | null;
  @ApiProperty(instant()) startsAt!: string;
  @ApiProperty(instant()) endsAt!: string;
  @ApiProperty({ example: '2', description: 'the points multiplier, a decimal string from 1 to 10' })
  multiplier!: string;
  @ApiProperty(nullableInstant()) cancelledAt!: string | null;
}
