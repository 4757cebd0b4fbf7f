import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminRead } from '../../auth/roles.decorator.js';
import { ActionSearchPageDto, ActionSearchQueryDto } from './dto/action-search.dto.js';
import { ActionSearchService } from './action-search.service.js';

@ApiTags('admin: audit')
@ApiBearerAuth()
@AdminRead()
@Controller('admin/v1/actions')
export class ActionSearchController {
  constructor(private readonly actions: ActionSearchService) {}

  /** 行为查询: find an action by citizen, place, kind, state and date, then open its audit. */
  @Get()
  @ApiOperation({
    summary: 'Actions, newest occurred first, filtered and paged by a keyset cursor',
    description:
      'from/to are China Standard Time dates of occurrence: a China day starts at 16:00 UTC the day before. ' +
      'A malformed filter or cursor is 400 VALIDATION_FAILED.',
  })
  @ApiOkResponse({ type: ActionSearchPageDto })
  search(@Query() query: ActionSearchQueryDto): Promise<ActionSearchPageDto> {
    return this.actions.search(query);
  }
}
