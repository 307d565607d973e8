// The phone's menu: below the layout's breakpoint (styles.css) the nav hides behind this button.
// The menu belongs to the page it was opened on, so going to another page closes it by itself.
import { type RefObject, useCallback, useEffect, useId, useRef, useState } from "react";
import type { Route } from "./routing/routes";

export interface NavMenu {
  open: boolean;
  /** The id the nav carries, which the button says it controls. */
  navId: string;
  buttonRef: RefObject<HTMLButtonElement | null>;
  toggle: () => void;
}

export function useNavMenu(route: Route): NavMenu {
  const routeKey = JSON.stringify(route);
  const [openOn, setOpenOn] = useState<string>();
  const open = openOn === routeKey;
  const navId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const toggle = useCallback(
    () => setOpenOn((current) => (current === routeKey ? undefined : routeKey)),
    [routeKey],
  );

  useEffect(() => {
    if (!open) return;
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      // A focused link is about to be hidden: the focus goes back to the button, not to nowhere.
      const focusInNav = document.getElementById(navId)?.contains(document.activeElement);
      setOpenOn(undefined);
      if (focusInNav) buttonRef.current?.focus();
    };
    // Choosing the page already shown changes no route, yet the menu should still get out of the way.
    const closeOnLink = (event: MouseEvent) => {
      const nav = document.getElementById(navId);
      const target = event.target as Element | null;
      if (nav && target && nav.contains(target) && target.closest("a")) setOpenOn(undefined);
    };
    document.addEventListener("keydown", closeOnEscape);
    document.addEventListener("click", closeOnLink);
    return () => {
      document.removeEventListener("keydown", closeOnEscape);
      document.removeEventListener("click", closeOnLink);
    };
  }, [open, navId]);

  return { open, navId, buttonRef, toggle };
}

export function NavMenuButton({ menu }: { menu: NavMenu }) {
  return (
    <button
      ref={menu.buttonRef}
      type="button"
      className="nav-menu-button"
      aria-expanded={menu.open}
      aria-controls={menu.navId}
      aria-label={menu.open ? "Close the menu" : "Open the menu"}
      onClick={menu.toggle}
      data-testid="nav-menu"
    >
      <svg className="nav-menu-icon" viewBox="0 0 24 24" aria-hidden="true">
        {menu.open ? <path d="M6 6l12 12M18 6L6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
      </svg>
    </button>
  );
}
