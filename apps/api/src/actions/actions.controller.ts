import { UuidParam } from '../common/path-params.js';
import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentCitizen, type CitizenPrincipal } from '../auth/citizen-principal.js';
import { IdempotencyKey } from '../common/idempotency-key.decorator.js';
import { answerIdempotent } from '../common/idempotent.interceptor.js';
import type { FastifyReply } from 'fastify';
import { ActionsService } from './actions.service.js';
import { ActionAcceptedDto, ActionViewDto, SubmitActionDto } from './dto/submit-action.dto.js';
import { ErrorCode } from '@app/domain';
import { ApiErrors } from '../common/api-error.dto.js';
import { MyActionsQueryDto, MyActionsPageDto } from './dto/my-actions.dto.js';
import { MyActionsService } from './my-actions.service.js';

@ApiTags('citizen actions')
@ApiBearerAuth()
@Controller('v1')
export class ActionsController {
  constructor(
    private readonly actions: ActionsService,
    private readonly myActions: MyActionsService,
  ) {}

  // The hot path answers its IdempotentResult itself (the same rule, answerIdempotent) instead of
  // through @Idempotent(): a route without interceptors skips Nest's rxjs pipeline per request.
  @Post('actions')
  @HttpCode(202)
  @ApiOperation({ summary: 'Submit a low-carbon action; it is quantified and settled asynchronously' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'Same key + same body returns the same action; a different body is 409',
  })
  @ApiAcceptedResponse({ type: ActionAcceptedDto })
  @ApiErrors(
    ErrorCode.MethodologyUnknown,
    ErrorCode.MethodologyNotInForce,
    ErrorCode.ActionInFuture,
    ErrorCode.SelfReportNotAccepted,
  )
  async submit(
    @CurrentCitizen() citizen: CitizenPrincipal,
    @IdempotencyKey() key: string,
    @Body() body: SubmitActionDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ActionAcceptedDto> {
    return answerIdempotent(reply, await this.actions.submit(citizen, key, body));
  }

  @Get('me/actions')
  @ApiOperation({
    summary: 'My actions, newest received first, from every source; credited figures only when settled',
  })
  @ApiOkResponse({ type: MyActionsPageDto })
  @ApiErrors(ErrorCode.ValidationFailed)
  list(
    @CurrentCitizen() citizen: CitizenPrincipal,
    @Query() query: MyActionsQueryDto,
  ): Promise<MyActionsPageDto> {
    return this.myActions.page(citizen, query);
  }

  @Get('me/actions/:id')
  @ApiOperation({ summary: 'One of my actions: status, grams, points, reason, methodology version' })
  @ApiOkResponse({ type: ActionViewDto })
  @ApiErrors(ErrorCode.ActionNotFound)
  findOne(@CurrentCitizen() citizen: CitizenPrincipal, @UuidParam('id') id: string): Promise<ActionViewDto> {
    return this.actions.findOwn(citizen, id);
  }
}
