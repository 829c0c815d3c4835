import type { Resource } from '../common/operation';
import { account } from './account';
import { charge } from './charge';
import { customer } from './customer';
import { dispute } from './dispute';
import { event } from './event';
import { link } from './link';
import { receipt } from './receipt';
import { recipient } from './recipient';
import { refund } from './refund';
import { schedule } from './schedule';
import { transaction } from './transaction';
import { transfer } from './transfer';

/** Every resource of the node, in the editor's order: the one place a new resource is registered. */
export const RESOURCES: Resource[] = [account, charge, customer, dispute, event, link, receipt, recipient, refund, schedule, transaction, transfer];
