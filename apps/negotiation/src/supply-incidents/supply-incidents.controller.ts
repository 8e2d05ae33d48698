import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, Roles, SettleIdPipe, type Principal } from '@settle/platform';
import { DeclareIncidentBody, IncidentsQuery, UpdateIncidentBody } from './dto/supply-incidents.dto';
import { SupplyIncidentDetail, SupplyIncidentPage, SupplyIncidentView } from './dto/supply-incidents.response';
import { SupplyIncidentsService } from './supply-incidents.service';

@ApiTags('supply incidents')
@ApiBearerAuth()
@Controller('v1')
@ApiProblems(401, 403)
export class SupplyIncidentsController {
  constructor(private readonly incidents: SupplyIncidentsService) {}

  @Post('supply-incidents')
  @Roles('seller', 'platform')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Declare that a listing (or some of its SKUs) cannot ship: Settle notifies, offers and proposes for every affected order',
  })
  @ApiCreatedResponse({ type: SupplyIncidentView, description: 'The incident, OPEN' })
  @ApiProblems(
    400,
    404,
    413,
    415,
    [409, 'An incident is already open for this listing and SKUs'],
    [422, 'A date in the past, or a SKU the listing does not have'],
  )
  declare(@CurrentPrincipal() principal: Principal, @Body() body: DeclareIncidentBody) {
    return this.incidents.declare(principal, body);
  }

  @Get('supply-incidents')
  @Roles('seller', 'staff', 'lead', 'platform')
  @ApiOperation({ summary: 'Incidents, newest first (a seller sees its own)' })
  @ApiOkResponse({ type: SupplyIncidentPage })
  list(@CurrentPrincipal() principal: Principal, @Query() query: IncidentsQuery) {
    return this.incidents.list(principal, query);
  }

  @Get('supply-incidents/:id')
  @Roles('seller', 'staff', 'lead', 'platform')
  @ApiOperation({ summary: 'An incident with its progress, order by order and dispute by dispute' })
  @ApiOkResponse({ type: SupplyIncidentDetail })
  @ApiProblems(404)
  get(@CurrentPrincipal() principal: Principal, @Param('id', new SettleIdPipe('Supply incident')) id: string) {
    return this.incidents.get(principal, id);
  }

  @Patch('supply-incidents/:id')
  @Roles('seller', 'platform')
  @ApiOperation({ summary: 'A new expected restock date (or null)' })
  @ApiOkResponse({ type: SupplyIncidentView })
  @ApiProblems(400, 404, [409, 'The incident is closed'], [422, 'A date in the past'])
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new SettleIdPipe('Supply incident')) id: string,
    @Body() body: UpdateIncidentBody,
  ) {
    return this.incidents.updateRestock(principal, id, body);
  }

  @Post('supply-incidents/:id/close')
  @Roles('seller', 'platform')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the incident (restocked): the catalogue is asked to relist' })
  @ApiOkResponse({ type: SupplyIncidentView, description: 'The incident, CLOSED' })
  @ApiProblems(404, [409, 'Already closed'])
  close(@CurrentPrincipal() principal: Principal, @Param('id', new SettleIdPipe('Supply incident')) id: string) {
    return this.incidents.close(principal, id);
  }
}
