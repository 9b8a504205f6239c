/**
 * The operationId of every route, by `Controller.method`: what a generated
 * client names its methods (libs/client), so each says what it does without
 * the controller's name. A route missing here fails the document's build, so
 * a new endpoint is named on purpose; renaming one is a breaking change for
 * generated clients (scripts/check-contract.sh reports removed operations).
 */
export const OPERATION_IDS: Readonly<Record<string, string>> = {
  'OrdersController.list': 'listOrders',
  'OrdersController.history': 'getOrderHistory',
  'ShippingAddressController.correct': 'correctShippingAddress',
  'HoldsController.hold': 'holdOrder',
  'HoldsController.release': 'releaseOrderHold',
  'RoutingController.rules': 'getRoutingRules',
  'RoutingController.dryRun': 'dryRunRouting',
  'AttentionController.summary': 'getAttentionReport',
  'AttentionController.resolve': 'resolveAttention',
  'ChannelOrdersController.get': 'getChannelOrder',
  'CommandsController.fulfill': 'fulfillOrder',
  'CommandsController.cancel': 'cancelOrder',
  'CommandsController.reject': 'rejectOrder',
  'CommandsController.modifyTracking': 'modifyTracking',
  'JobsController.list': 'listJobs',
  'JobsController.get': 'getJob',
  'JobsController.retry': 'retryJob',
  'SyncController.sync': 'syncChannel',
  'FlexportWebhookController.receive': 'receiveFlexportWebhook',
  'HealthController.live': 'getLiveness',
  'HealthController.ready': 'getReadiness',
  'DriftReportController.list': 'getDriftReport',
};

/** The `operationIdFactory` of SwaggerModule.createDocument. */
export function operationIdOf(controllerKey: string, methodKey: string): string {
  const id = OPERATION_IDS[`${controllerKey}.${methodKey}`];
  if (!id) throw new Error(`no operationId for ${controllerKey}.${methodKey}: add it to apps/api/src/openapi/operation-ids.ts`);
  return id;
}
