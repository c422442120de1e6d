// Every error the API can answer, in one place: a stable code, its HTTP status and a message a
// person can act on in Vietnamese and English. Clients switch on `code`, never on text.
// docs/errors (README table) is checked against this list by test/unit/error-catalogue.test.ts.
export const catalogue = {
  validation_failed: {
    status: 400,
    vi: 'Dữ liệu gửi lên không hợp lệ. Vui lòng kiểm tra lại các trường được đánh dấu.',
    en: 'The request data is invalid. Please check the fields listed.',
  },
  bad_request: {
    status: 400,
    vi: 'Yêu cầu không đúng định dạng.',
    en: 'The request is malformed.',
  },
  'auth.unauthenticated': {
    status: 401,
    vi: 'Bạn cần đăng nhập để tiếp tục.',
    en: 'Please sign in to continue.',
  },
  'auth.invalid_credentials': {
    status: 401,
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'The username or password is incorrect.',
  },
  'auth.account_locked': {
    status: 423,
    vi: 'Tài khoản tạm bị khoá do đăng nhập sai nhiều lần. Vui lòng thử lại sau {minutes} phút.',
    en: 'The account is temporarily locked after repeated failed sign-ins. Try again in {minutes} minutes.',
  },
  'auth.forbidden_role': {
    status: 403,
    vi: 'Vai trò của bạn không được phép thực hiện thao tác này.',
    en: 'Your role does not allow this action.',
  },
  'auth.forbidden_scope': {
    status: 403,
    vi: 'Đơn vị này nằm ngoài phạm vi đơn vị của bạn.',
    en: 'This unit is outside your unit’s scope.',
  },
  'metrics.unauthorized': {
    status: 401,
    vi: 'Cần mã truy cập để đọc số liệu giám sát.',
    en: 'A bearer token is required to read metrics.',
  },
  'unit.not_found': {
    status: 404,
    vi: 'Không tìm thấy đơn vị.',
    en: 'The unit was not found.',
  },
  not_found: {
    status: 404,
    vi: 'Không tìm thấy địa chỉ yêu cầu.',
    en: 'Nothing was found at this address.',
  },
  method_not_allowed: {
    status: 405,
    vi: 'Phương thức không được hỗ trợ tại địa chỉ này.',
    en: 'This method is not supported here.',
  },
  payload_too_large: {
    status: 413,
    vi: 'Dữ liệu gửi lên quá lớn.',
    en: 'The request body is too large.',
  },
  unsupported_media_type: {
    status: 415,
    vi: 'Kiểu dữ liệu gửi lên không được hỗ trợ.',
    en: 'The request content type is not supported.',
  },
  rate_limited: {
    status: 429,
    vi: 'Quá nhiều yêu cầu. Vui lòng thử lại sau {seconds} giây.',
    en: 'Too many requests. Please try again in {seconds} seconds.',
  },
  service_unavailable: {
    status: 503,
    vi: 'Hệ thống tạm thời không sẵn sàng. Vui lòng thử lại sau.',
    en: 'The service is temporarily unavailable. Please try again later.',
  },
  internal: {
    status: 500,
    vi: 'Đã có lỗi hệ thống. Vui lòng thử lại; nếu vẫn lỗi, hãy báo quản trị viên.',
    en: 'Something went wrong on our side. Please retry; if it persists, tell an administrator.',
  },
} as const satisfies Record<string, { status: number; vi: string; en: string }>;

export type ProblemCode = keyof typeof catalogue;
export type Lang = 'vi' | 'en';
