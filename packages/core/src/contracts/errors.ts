/**
 * Stable error codes the web switches on, each with its Vietnamese message and HTTP status.
 * The server's one error handler shapes every failure as `{ error, message }`.
 */
export const ERRORS = {
  validation_failed: { status: 400, message: 'Dữ liệu gửi lên không hợp lệ.' },
  invalid_json: { status: 400, message: 'Nội dung gửi lên không phải JSON hợp lệ.' },
  payload_too_large: { status: 413, message: 'Nội dung gửi lên quá lớn.' },
  unsupported_media_type: { status: 415, message: 'Định dạng nội dung không được hỗ trợ.' },
  /** An Office file (ZIP package) beyond the unpacking limits: domain/office-archive.ts. */
  archive_refused: { status: 413, message: 'Tệp Office vượt giới hạn an toàn khi giải nén.' },
  unauthenticated: { status: 401, message: 'Vui lòng đăng nhập.' },
  invalid_credentials: { status: 401, message: 'Tên đăng nhập hoặc mật khẩu không đúng.' },
  account_locked: { status: 423, message: 'Tài khoản tạm bị khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau.' },
  account_disabled: { status: 403, message: 'Tài khoản đã bị vô hiệu hóa.' },
  csrf_failed: { status: 403, message: 'Phiên làm việc không hợp lệ. Vui lòng tải lại trang và thử lại.' },
  forbidden: { status: 403, message: 'Bạn không có quyền thực hiện thao tác này.' },
  not_found: { status: 404, message: 'Không tìm thấy.' },
  conflict: { status: 409, message: 'Dữ liệu đã thay đổi hoặc bị trùng.' },
  /** A rule says not now (a meeting started too early); the page was not stale. */
  action_unavailable: { status: 409, message: 'Thao tác này chưa thực hiện được lúc này.' },
  idempotency_key_reused: { status: 409, message: 'Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác.' },
  request_in_progress: { status: 409, message: 'Yêu cầu này đang được xử lý. Vui lòng chờ giây lát rồi tải lại.' },
  wrong_password: { status: 400, message: 'Mật khẩu hiện tại không đúng.' },
  weak_password: { status: 400, message: 'Mật khẩu mới quá ngắn hoặc có ký tự không hợp lệ.' },
  organization_closed: { status: 409, message: 'Tổ chức đảng đã giải thể, không thể thay đổi.' },
  organization_not_empty: { status: 409, message: 'Tổ chức đảng còn tổ chức trực thuộc hoặc đảng viên đang sinh hoạt.' },
  history_invalid: { status: 422, message: 'Quá trình sinh hoạt của đảng viên không hợp lệ.' },
  import_invalid: { status: 422, message: 'Tệp nhập còn dòng lỗi.' },
  import_unreadable: { status: 400, message: 'Không đọc được tệp: cần tệp Excel (.xlsx) hoặc CSV.' },
  import_done: { status: 409, message: 'Lượt nhập này đã được ghi.' },
  rate_limited: { status: 429, message: 'Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.' },
  not_ready: { status: 503, message: 'Hệ thống chưa sẵn sàng.' },
  internal_error: { status: 500, message: 'Đã xảy ra lỗi hệ thống. Vui lòng thử lại sau.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorBody {
  error: ErrorCode;
  message: string;
}
