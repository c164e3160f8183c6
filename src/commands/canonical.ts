// The text a button posts (messageBack `text`): the canonical phrasing of the command it stands for,
// so a click reads in the chat history like something the user could have typed.
import type { ActionValue } from './types';

export function canonicalText(value: ActionValue): string {
  switch (value.action) {
    case 'machinesForUser':
      return `machines for ${value.user}${pageSuffix(value.page)}`;
    case 'logonUsers':
      return `who logged onto ${value.machineId}${pageSuffix(value.page)}`;
    case 'machineDetails':
      return `machine ${value.machineId}`;
    case 'machineAlerts':
      return `alerts on ${value.machineId}${pageSuffix(value.page)}`;
    case 'userAlerts':
      return `alerts for user ${value.user}${pageSuffix(value.page)}`;
    case 'alert':
      return `alert ${value.alertId}`;
    case 'help':
      return 'help';
    case 'run':
      return value.text;
    case 'confirmAction':
      return 'confirm response action';
    case 'cancelAction':
      return 'cancel response action';
    case 'actionStatus':
      return `action status ${value.actionId}`;
  }
}

function pageSuffix(page: number | undefined): string {
  return page !== undefined && page > 1 ? ` page ${page}` : '';
}
