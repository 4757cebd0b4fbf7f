import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class CreateBindingDto {
  @ApiProperty({ example: 'hellobike' }) @Matches(/^[a-z][a-z0-9-]{1,63}$/) partnerId!: string;
}
