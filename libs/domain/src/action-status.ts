/** received → quantified → settled, or rejected (with a reason code), or review → approved | rejected. */
export const ActionStatus = {
  Received: 'received',
  Quantified: 'quantified',
  Settled: 'settled',
  Rejected: 'rejected',
  Review: 'review',
} as const;
export type ActionStatus = (typeof ActionStatus)[keyof typeof ActionStatus];

/** Where an action's data came from; partner ids are prefixed `partner:`. */
export const SELF_REPORTED = 'self';

/**
 * WeChat's own step counts (微信运动), decrypted server-side with the citizen's session key: as
 * trusted as a partner's verified data. A day's later report replaces its earlier ones.
 */
export const WERUN_SOURCE = 'wechat-werun';
