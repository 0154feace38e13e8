import { Injectable } from '@nestjs/common';
import { AwardTypeView, CatalogueRequest } from '@tdkt/contracts';
import { AWARD_CATALOGUE, validOn } from '@tdkt/domain';
import { awardTypeView } from './catalogue.views';

/** The award catalogue (libs/domain): public to everyone signed in, no state of the service. */
@Injectable()
export class CatalogueService {
  list(r: CatalogueRequest): AwardTypeView[] {
    return AWARD_CATALOGUE.filter((a) => !r.on || validOn(a, r.on)).map(awardTypeView);
  }
}
