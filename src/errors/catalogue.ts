// Every error the API can answer, in one place: a stable code, its HTTP status and a message a
// person can act on in Vietnamese and English. Clients switch on `code`, never on text.
// docs/errors.md is checked against this list by test/unit/error-catalogue.test.ts.
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
  'meeting.not_found': {
    status: 404,
    vi: 'Không tìm thấy cuộc họp.',
    en: 'The meeting was not found.',
  },
  'meeting.not_invited': {
    status: 403,
    vi: 'Bạn không có trong danh sách được mời tham dự cuộc họp này.',
    en: 'You are not invited to this meeting.',
  },
  'meeting.not_organiser': {
    status: 403,
    vi: 'Chỉ văn thư hoặc lãnh đạo của đơn vị chủ trì mới được tổ chức cuộc họp cho đơn vị đó.',
    en: 'Only a clerk or leader of the organising unit may schedule its meetings.',
  },
  'meeting.invalid_units': {
    status: 400,
    vi: 'Một số đơn vị được mời không tồn tại.',
    en: 'Some invited units do not exist.',
  },
  'meeting.invalid_chair': {
    status: 400,
    vi: 'Người chủ trì phải là một tài khoản đang hoạt động của đơn vị chủ trì.',
    en: 'The chair must be an active account of the organising unit.',
  },
  'meeting.locked': {
    status: 423,
    vi: 'Cuộc họp đã khoá, không nhận thêm người tham dự mới.',
    en: 'The meeting is locked and admits no new participants.',
  },
  'meeting.removed': {
    status: 403,
    vi: 'Chủ trì đã mời bạn rời cuộc họp này; bạn không thể tham gia lại.',
    en: 'The chair removed you from this meeting; you cannot rejoin it.',
  },
  'meeting.ended': {
    status: 409,
    vi: 'Cuộc họp đã kết thúc.',
    en: 'The meeting has ended.',
  },
  'meeting.not_chair': {
    status: 403,
    vi: 'Chỉ người chủ trì mới được thực hiện thao tác này.',
    en: 'Only the chair may do this.',
  },
  'meeting.muted_by_chair': {
    status: 403,
    vi: 'Chủ trì đã tắt micro của bạn. Vui lòng chờ chủ trì cho phép phát biểu.',
    en: 'The chair muted your microphone. Please wait until the chair lets you speak.',
  },
  'meeting.not_participant': {
    status: 404,
    vi: 'Người này không có mặt trong cuộc họp.',
    en: 'This person is not in the meeting.',
  },
  'media.not_joined': {
    status: 409,
    vi: 'Bạn chưa vào phòng họp. Vui lòng vào lại.',
    en: 'You have not joined the meeting room. Please join again.',
  },
  'media.not_found': {
    status: 404,
    vi: 'Không tìm thấy luồng kết nối hoặc luồng âm thanh/hình ảnh yêu cầu.',
    en: 'The requested transport or media stream was not found.',
  },
  'media.cannot_consume': {
    status: 400,
    vi: 'Thiết bị của bạn không nhận được luồng âm thanh/hình ảnh này.',
    en: 'Your device cannot receive this media stream.',
  },
  'media.invalid': {
    status: 400,
    vi: 'Tham số âm thanh/hình ảnh không hợp lệ.',
    en: 'The media parameters are invalid.',
  },
  'media.limit': {
    status: 409,
    vi: 'Đã đạt số luồng tối đa cho một người tham dự.',
    en: 'The limit of media streams per participant has been reached.',
  },
  'media.unavailable': {
    status: 503,
    vi: 'Máy chủ hình ảnh/âm thanh tạm thời không sẵn sàng. Ứng dụng sẽ tự kết nối lại.',
    en: 'The media server is temporarily unavailable. The app will reconnect by itself.',
  },
  // The documents store (src/documents) and a meeting's agenda (src/agenda).
  'document.upload_invalid': {
    status: 400,
    vi: 'Cần gửi đúng một tệp PDF trong trường "file" của biểu mẫu tải lên (multipart/form-data).',
    en: 'Send exactly one PDF in the "file" field of a multipart/form-data upload.',
  },
  'document.not_pdf': {
    status: 415,
    vi: 'Tệp tải lên không phải là tệp PDF. Vui lòng chọn một tệp PDF.',
    en: 'The uploaded file is not a PDF. Please choose a PDF file.',
  },
  'document.too_large': {
    status: 413,
    vi: 'Tệp lớn hơn giới hạn {maxMb} MB cho phép.',
    en: 'The file is larger than the {maxMb} MB allowed.',
  },
  'document.not_found': {
    status: 404,
    vi: 'Không tìm thấy tài liệu hoặc phiên bản tài liệu.',
    en: 'The document or document version was not found.',
  },
  'document.forbidden': {
    status: 403,
    vi: 'Bạn không có quyền xem tài liệu này.',
    en: 'You are not allowed to see this document.',
  },
  'document.version_conflict': {
    status: 409,
    vi: 'Tài liệu vừa có phiên bản mới hơn. Vui lòng tải lại rồi thử lại.',
    en: 'The document has just received a newer version. Reload it and try again.',
  },
  'document.range_not_satisfiable': {
    status: 416,
    vi: 'Khoảng dữ liệu yêu cầu nằm ngoài kích thước của tệp.',
    en: 'The requested byte range lies outside the file.',
  },
  'agenda.not_manager': {
    status: 403,
    vi: 'Chỉ văn thư, lãnh đạo của đơn vị chủ trì hoặc thư ký cuộc họp mới được thay đổi chương trình và tài liệu cuộc họp.',
    en: 'Only a clerk or leader of the organising unit, or the meeting’s secretary, may change the agenda and documents.',
  },
  'agenda.locked': {
    status: 409,
    vi: 'Cuộc họp đã bắt đầu hoặc đã kết thúc nên không thể sửa chương trình họp nữa.',
    en: 'The meeting has started or ended, so its agenda can no longer be changed.',
  },
  'agenda.item_not_found': {
    status: 404,
    vi: 'Không tìm thấy nội dung này trong chương trình cuộc họp.',
    en: 'This item is not on the meeting’s agenda.',
  },
  'agenda.invalid_order': {
    status: 400,
    vi: 'Thứ tự mới phải liệt kê mỗi nội dung của chương trình họp đúng một lần.',
    en: 'The new order must list every agenda item exactly once.',
  },
  'agenda.invalid_presenter': {
    status: 400,
    vi: 'Người trình bày phải là một tài khoản có trong hệ thống.',
    en: 'The presenter must be an existing account.',
  },
  'agenda.not_live': {
    status: 409,
    vi: 'Chỉ chọn được nội dung đang thảo luận khi cuộc họp đang diễn ra.',
    en: 'The current item can be set only while the meeting is in progress.',
  },
  // The signing engine's codes (src/signing/errors.ts SIGNING_ERROR_CODES), answered when a
  // SigningError reaches the HTTP layer.
  'pdf.malformed': {
    status: 422,
    vi: 'Tệp không phải là PDF hợp lệ hoặc đã bị hỏng.',
    en: 'The file is not a valid PDF, or it is damaged.',
  },
  'pdf.encrypted': {
    status: 422,
    vi: 'Tệp PDF đã được mã hoá. Vui lòng gỡ mật khẩu của tệp rồi tải lên lại.',
    en: 'The PDF is encrypted. Remove its password and upload it again.',
  },
  'pdf.unsupported': {
    status: 422,
    vi: 'Tệp PDF dùng một tính năng chưa được hỗ trợ nên không thể ký an toàn.',
    en: 'The PDF uses a feature that cannot be signed safely.',
  },
  'signing.wrong_pin': {
    status: 403,
    vi: 'Mã PIN không đúng.',
    en: 'The PIN is incorrect.',
  },
  'signing.bad_credential': {
    status: 422,
    vi: 'Không dùng được chứng thư số hoặc khoá ký: tệp khoá không đọc được, không có khoá, hoặc khoá không khớp với chứng thư.',
    en: 'The signing credential cannot be used: the key store is unreadable, holds no key, or the key does not match its certificate.',
  },
  'signing.certificate_expired': {
    status: 422,
    vi: 'Chứng thư số đã hết hạn.',
    en: 'The signing certificate has expired.',
  },
  'signing.certificate_not_yet_valid': {
    status: 422,
    vi: 'Chứng thư số chưa đến thời hạn có hiệu lực.',
    en: 'The signing certificate is not valid yet.',
  },
  'signing.certificate_not_for_signing': {
    status: 422,
    vi: 'Chứng thư số này không được cấp để ký.',
    en: 'This certificate is not issued for signing.',
  },
  'signing.unsupported_key': {
    status: 422,
    vi: 'Loại khoá không được hỗ trợ. Cần khoá RSA từ 2048 bit hoặc ECDSA P-256/P-384.',
    en: 'The key type is not supported. Use RSA of 2048 bits or more, or ECDSA P-256/P-384.',
  },
  'signing.tsa_failed': {
    status: 502,
    vi: 'Dịch vụ cấp dấu thời gian bị lỗi hoặc trả lời sai nên chưa ký. Vui lòng thử lại sau.',
    en: 'The timestamp service failed or answered badly, so nothing was signed. Please try again later.',
  },
  'signing.revocation_unavailable': {
    status: 502,
    vi: 'Không lấy được thông tin thu hồi chứng thư (CRL) mà chữ ký dài hạn cần nên chưa ký.',
    en: 'The revocation data (CRL) a long-term signature needs could not be obtained, so nothing was signed.',
  },
  'signing.cms_malformed': {
    status: 422,
    vi: 'Không đọc được dữ liệu chữ ký (CMS) hoặc dấu thời gian.',
    en: 'The signature (CMS) or timestamp data cannot be read.',
  },
  'signing.placement_invalid': {
    status: 422,
    vi: 'Vị trí chữ ký không hợp lệ: trang không tồn tại hoặc khung chữ ký nằm ngoài trang.',
    en: 'The signature placement is invalid: there is no such page, or the box lies outside the page.',
  },
  'signing.image_invalid': {
    status: 422,
    vi: 'Ảnh chữ ký hoặc con dấu không phải là ảnh PNG dùng được.',
    en: 'The signature or seal image is not a usable PNG.',
  },
  'signing.signature_too_large': {
    status: 500,
    vi: 'Chữ ký lớn hơn vùng dành sẵn cho nó trong tệp. Vui lòng báo quản trị viên.',
    en: 'The signature is larger than the space reserved for it in the file. Please tell an administrator.',
  },
  'signing.field_exists': {
    status: 409,
    vi: 'Tài liệu đã có một trường cùng tên với trường chữ ký.',
    en: 'The document already has a field with the signature field’s name.',
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
