import { api } from "./client.js";
import type { NotificationList } from "./types.js";

export const notificationsKey = ["notifications"] as const;

export const fetchNotifications = (limit = 30) => api<NotificationList>("GET", "/api/notifications", { query: { limit } });

/** Marks these notifications read, or all of them when no ids are given. */
export const markNotificationsRead = (ids?: string[]) => api<void>("POST", "/api/notifications/read", { body: ids ? { ids } : {} });
