export * from "./order-status";
export * from "./order.types";
export * from "./domain-error";
