import type { RunStatus } from '../../store/records';

/** A stored run's status as the Runs pages write it. */
export const RUN_STATUS_TEXT: Record<RunStatus, string> = {
  running: 'Running',
  paused: 'Paused',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};
