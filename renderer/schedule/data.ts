import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Venue, VenueKind } from '../../shared/domain/scheduling';
import { api } from '../lib/api';
import { spanText } from './time';

/** The committee's venues (active and not), reloaded on demand. */
export function useVenues(): { venues: Venue[]; reload(): void } {
  const [venues, setVenues] = useState<Venue[]>([]);
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    void api.call('venues:list', {}).then((r) => { if (live && r.ok) setVenues(r.value); });
    return () => { live = false; };
  }, [n]);
  const reload = useCallback(() => setN((x) => x + 1), []);
  return { venues, reload };
}

/** A meeting's time as people read it, in the reader's language. */
export function useSpanText(): (startsAt: string, endsAt: string) => string {
  const { i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  return useCallback((s, e) => spanText(s, e, zh), [zh]);
}

/** 第一调解室（调解室，8座）: a venue with its kind and seats. */
export function useVenueLabel(): (v: Pick<Venue, 'name' | 'kind' | 'capacity'>) => string {
  const { t } = useTranslation();
  return useCallback((v) => t(v.capacity ? 'schedule.venueLabelSeats' : 'schedule.venueLabel', {
    name: v.name, kind: t(`schedule.venueKinds.${v.kind}`), seats: v.capacity ?? 0,
  }), [t]);
}

/** Readable colours per kind of venue (white text keeps WCAG AA); cancelled meetings are grey. */
export const VENUE_COLOURS: Record<VenueKind, string> = {
  room: '#1f5fa8',
  office: '#00695c',
  home_visit: '#9a4a00',
  online: '#6a3aa0',
};
export const CANCELLED_COLOUR = '#d9d9d9';

/** Saves text as a file the user downloads (the preview and the app alike): an .ics calendar. */
export function downloadText(fileName: string, text: string, mime = 'text/calendar;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: the download starts asynchronously from the URL.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
