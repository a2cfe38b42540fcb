/**
 * A valid body for each meeting route that takes an id, so route walks reach the handler
 * (and its 404 or refusal) instead of stopping at validation. Documents are raw bytes.
 */
export const PDF_BYTES = Buffer.from('%PDF-1.4\n%%EOF\n');

export const MEETING_ROUTE_BODIES: Record<string, object> = {
  'POST /api/v1/organizations/:id/year-plan': { year: 2027 },
  'POST /api/v1/organizations/:id/year-plan/preview': { year: 2027 },
  'POST /api/v1/organizations/:id/rule-overrides/preview': { rule: 'targetDay', value: 5, from: '2027-01-01' },
  'PATCH /api/v1/absence-requests/:id': { reason: 'Đi công tác xa hơn' },
  'POST /api/v1/papers/:id/withdraw': {},
  'POST /api/v1/organizations/:id/rule-overrides': { rule: 'targetDay', value: 5, from: '2027-01-01' },
  'PATCH /api/v1/meetings/:id': { revision: 0, place: 'Hội trường' },
  'POST /api/v1/meetings/:id/announce': { revision: 0 },
  'POST /api/v1/meetings/:id/start': { revision: 0 },
  'POST /api/v1/meetings/:id/end': { revision: 0 },
  'POST /api/v1/meetings/:id/cancel': { revision: 0, reason: 'Trùng lịch' },
  'PUT /api/v1/meetings/:id/agenda': { revision: 0, items: [] },
  'POST /api/v1/meetings/:id/documents': PDF_BYTES,
  'POST /api/v1/meetings/:id/papers': { title: 'Tham luận', authorMemberId: '00000000-0000-4000-8000-000000000001', dueDate: '2027-01-01' },
  'POST /api/v1/papers/:id/submit': { body: 'Nội dung tham luận đủ dài để được nhận.' },
  'POST /api/v1/papers/:id/file': PDF_BYTES,
  'POST /api/v1/papers/:id/decision': { decision: 'accept' },
  'POST /api/v1/meetings/:id/absence': { reason: 'Đi công tác xa' },
  'POST /api/v1/absence-requests/:id/decision': { decision: 'approve' },
  'POST /api/v1/notices/:id/read': {},
};

/** Routes whose body is a file: a JSON body is the wrong media type (or fails their query). */
export const UPLOAD_ROUTES = new Set(['POST /api/v1/organizations/:id/member-imports', 'POST /api/v1/meetings/:id/documents', 'POST /api/v1/papers/:id/file']);
