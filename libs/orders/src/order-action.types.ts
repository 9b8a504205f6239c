/** What can be asked of an order; `allowedActions` and the capability table (order-actions.ts) speak in these. */
export type OrderAction = 'fulfill:tracking' | 'fulfill:flexport' | 'fulfill:online' | 'cancel' | 'reject' | 'modify_tracking';

/** Joom's API versions differ in what they can do, so they are separate profiles. */
export type ChannelProfile = 'joom_v2' | 'joom_v3' | 'akinon' | 'flexport';
