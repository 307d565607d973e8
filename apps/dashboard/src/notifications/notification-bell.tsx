// The bell: unread count, the newest notifications, mark one or all read.
import { useEffect, useRef, useState } from "react";
import { useApiMutation, useApiQuery } from "../api/use-api";
import { ErrorNote, Loading } from "../components/status-views";
import { formatDateTime, formatRelative } from "../format/format-date";
import { useStoreTime } from "../store-time/store-time-context";

const LIST_INPUT = { limit: 20 };

export function NotificationBell() {
  const { timeZone, now } = useStoreTime();
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const list = useApiQuery((api) => api.notifications.list, LIST_INPUT, {
    refetchInterval: 60_000,
  });
  const markRead = useApiMutation((api) => api.notifications.markRead, {
    invalidates: [["notifications"]],
  });
  const unread = list.data?.unread ?? 0;

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (
        event instanceof KeyboardEvent
          ? event.key === "Escape"
          : !panel.current?.contains(event.target as Node)
      ) {
        setOpen(false);
      }
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  return (
    <div className="bell" ref={panel}>
      <button
        type="button"
        className="bell-button"
        aria-expanded={open}
        aria-label={`Notifications, ${unread} unread`}
        onClick={() => setOpen((value) => !value)}
        data-testid="notifications-bell"
      >
        <svg className="bell-icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 3a6 6 0 0 0-6 6v3.6L4.3 15.4A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.6L18 12.6V9a6 6 0 0 0-6-6Z" />
          <path d="M9.5 19a2.5 2.5 0 0 0 5 0" />
        </svg>
        {unread > 0 ? (
          <span className="bell-count" data-testid="notifications-unread">
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div className="bell-panel" data-testid="notifications-panel">
          <div className="bell-panel-header">
            <strong>Notifications</strong>
            <button
              type="button"
              className="link-button"
              disabled={unread === 0 || markRead.isPending}
              onClick={() => markRead.mutate({ all: true })}
              data-testid="notifications-mark-all"
            >
              Mark all read
            </button>
          </div>
          {markRead.error ? <ErrorNote error={markRead.error} /> : null}
          {list.data ? (
            list.data.notifications.length === 0 ? (
              <p className="muted empty">No notifications.</p>
            ) : (
              <ul className="bell-list">
                {list.data.notifications.map((notification) => (
                  <li
                    key={notification.id}
                    className={notification.readAt ? "bell-item" : "bell-item unread"}
                    data-testid="notification-item"
                    data-notification-id={notification.id}
                    data-kind={notification.kind}
                  >
                    <div className="bell-item-title">{notification.title}</div>
                    <div className="bell-item-body">{notification.body}</div>
                    <div className="bell-item-meta">
                      <span title={formatDateTime(notification.createdAt, { timeZone })}>
                        {formatRelative(notification.createdAt, { now: now() })}
                      </span>
                      {notification.readAt ? null : (
                        <button
                          type="button"
                          className="link-button"
                          disabled={markRead.isPending}
                          onClick={() => markRead.mutate({ ids: [notification.id] })}
                          data-testid="notification-mark-read"
                        >
                          Mark read
                        </button>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            )
          ) : list.error ? (
            <ErrorNote error={list.error} onRetry={() => void list.refetch()} />
          ) : (
            <Loading />
          )}
        </div>
      ) : null}
    </div>
  );
}
