import { idField } from '../../common/ids';

export const chargePath = '/charges/:chargeId';
export const chargeId = idField('chargeId', 'Charge ID', 'chrg', 'charge');
