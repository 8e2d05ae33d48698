import { useEffect, useState, type MouseEvent } from 'react';

/** A tiny history router: the console has four screens, so no router library. State lives in the URL. */
const changed = new EventTarget();

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  changed.dispatchEvent(new Event('change'));
}

export interface Location {
  path: string;
  query: URLSearchParams;
}

export function useLocation(): Location {
  const read = () => ({ path: location.pathname, query: new URLSearchParams(location.search) });
  const [current, setCurrent] = useState<Location>(read);
  useEffect(() => {
    const update = () => setCurrent(read());
    changed.addEventListener('change', update);
    window.addEventListener('popstate', update);
    return () => {
      changed.removeEventListener('change', update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return current;
}

/** For `<a href onClick={follow}>`: an ordinary link that stays in the app (modifier keys open a new tab). */
export function follow(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return;
  event.preventDefault();
  navigate(event.currentTarget.getAttribute('href') ?? '/');
}
