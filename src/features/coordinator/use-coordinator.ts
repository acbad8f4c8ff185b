// Whether this device is signed in as a coordinator: the coordinator screens need it before any call.
import { useLiveQuery } from 'dexie-react-hooks';
import { getEnrolment, type DeviceEnrolment } from '@/db/device.ts';

/** undefined while reading, null when not enrolled or not a coordinator. */
export function useCoordinator(): DeviceEnrolment | null | undefined {
  return useLiveQuery(async () => {
    const enrolment = await getEnrolment();
    return enrolment?.user.role === 'coordinator' ? enrolment : null;
  }, []);
}
