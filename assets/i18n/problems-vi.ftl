# Các vấn đề mà trạng thái báo cáo, như ứng dụng hiển thị (src/problem.rs chọn mã và tham số).

problem-agent-not-running = Sheetsafe không theo dõi các sổ tính của bạn, nên đóng sổ tính sẽ không tạo bản sao lưu. Hãy để ứng dụng Sheetsafe luôn chạy (bật "Khởi động Sheetsafe khi tôi đăng nhập" trong Cài đặt).
problem-config-invalid = Không đọc được tệp cài đặt: { $reason } Việc sao lưu tiếp tục với cài đặt trước đó.
problem-folder-not-watched = Không thể theo dõi thư mục { $folder } ({ $reason }); việc đóng sổ tính ở đó sẽ không được nhận biết cho đến khi thư mục trở lại.
problem-catalog-unreadable = { $reason }
problem-workbook-missing = Không tìm thấy sổ tính { $workbook }. Nếu nó đã được di chuyển hoặc đổi tên, hãy sửa hồ sơ; nếu ổ đĩa của nó bị rút ra, hãy cắm lại.
problem-no-backup-yet = { $workbook } chưa có bản sao lưu nào. Hãy bấm "Sao lưu ngay".
problem-no-copy-off-disk = Mọi bản sao của { $profile } đều nằm trên cùng ổ đĩa với sổ tính ({ $folder }): ổ đĩa hỏng, bị mất trộm hay bị mã hóa sẽ mất cả sổ tính lẫn bản sao lưu. Hãy thêm một bản sao thứ hai trên ổ USB hoặc thư mục đám mây: bấm "Thêm bản sao thứ hai".
problem-first-copy-not-made = Chưa có bản sao nào của { $profile } rời khỏi ổ đĩa này: bản sao thứ hai { $destination } tại { $folder } chưa được tạo. Hãy cắm ổ đĩa hoặc kết nối lại thư mục chia sẻ, bản sao sẽ được tạo ngay, hoặc bấm "Sao chép ngay".
problem-changed-no-agent = { $workbook } được lưu lúc { $since } và lần lưu đó chưa được sao lưu. Hãy bấm "Sao lưu ngay" và để ứng dụng Sheetsafe luôn chạy.
problem-changed-open-since = { $workbook } có thay đổi được lưu từ { $since } nhưng chưa được sao lưu: nó đang mở từ { $open }. Hãy đóng nó để sao lưu ngay; nếu không, Sheetsafe sẽ sao lưu khi nó không được lưu thêm một lúc.
problem-changed-open = { $workbook } có thay đổi được lưu từ { $since } nhưng chưa được sao lưu: nó vẫn đang mở. Hãy đóng nó để sao lưu ngay.
problem-changed-failing = { $workbook } có thay đổi được lưu từ { $since } nhưng chưa được sao lưu: việc sao lưu đang thất bại (lý do ở bên dưới). Sheetsafe sẽ tiếp tục thử.
problem-changed-pending = { $workbook } có thay đổi được lưu từ { $since } nhưng chưa được sao lưu. Hãy bấm "Sao lưu ngay" để sao lưu.
problem-open-too-long = { $workbook } đã mở nhiều giờ với những thay đổi chưa được sao lưu. Hãy lưu và đóng nó để tạo bản sao lưu.
problem-stale-lock = Tệp khóa { $lock } do { $application } để lại, nhưng chương trình đó không còn chạy (có thể sau một sự cố). Việc sao lưu vẫn tiếp tục; nếu chương trình báo sổ tính bị khóa, hãy xóa tệp đó.
problem-backup-failed = Sao lưu { $workbook } thất bại: { $reason }
problem-damaged = Bản sao lưu mới nhất { $file } là của một sổ tính bị hỏng. Hãy sửa sổ tính, hoặc khôi phục một phiên bản cũ hơn từ Lịch sử.
problem-not-checked = Không kiểm tra được bản sao lưu mới nhất { $file } có bị hỏng hay không (bản sao đã được xác minh). Hãy cập nhật Sheetsafe rồi bấm "Kiểm tra".
problem-not-repaired = { $reason }
problem-copy-overdue-away = Bản sao thứ hai { $destination } đã quá hạn vì { $folder } không có ở đó. Hãy cắm ổ đĩa hoặc kết nối lại thư mục chia sẻ; việc sao chép sẽ tự bắt đầu.
problem-copy-overdue = Bản sao thứ hai { $destination } đã quá hạn. Hãy để ứng dụng Sheetsafe luôn chạy; việc sao chép sẽ tự bắt đầu khi đến hạn.
problem-copy-failed = Bản sao thứ hai { $destination } thất bại: { $reason }
problem-unknown = Một phiên bản Sheetsafe mới hơn đã báo một vấn đề mà phiên bản này không mô tả được. Hãy cập nhật Sheetsafe để xem.
problem-mass-loss = { $count } sổ tính mất dữ liệu cùng lúc ({ $workbooks }): đây là dấu hiệu của mã độc tống tiền. Mọi phiên bản trước đó đều được giữ lại. Hãy ngắt máy tính khỏi mạng và rút các ổ sao lưu, rồi khôi phục sổ tính trên một máy tính sạch. Nếu thay đổi là cố ý, hãy nhấn “Thay đổi này là cố ý” bên cạnh cảnh báo của từng sổ tính.
finding-unreachable = Không đọc được thư mục sao lưu { $folder }. Hãy cắm ổ đĩa hoặc kết nối thư mục chia sẻ, hoặc kiểm tra xem thư mục còn tồn tại không.
finding-catalog-damaged = Danh sách phiên bản trong { $folder } (catalog.toml) bị hỏng nên không kiểm tra được gì ở đó. Hãy chép lại catalog.toml từ bản sao thứ hai trước khi thay đổi gì ở đó.
finding-newer-format = Các bản sao lưu trong { $folder } được tạo bởi phiên bản Sheetsafe mới hơn; không có gì ở đó được kiểm tra hay thay đổi. Hãy cập nhật Sheetsafe.
finding-catalog-lost = Danh sách phiên bản trong { $folder } bị mất hoặc trống, dù thư mục vẫn có { $count } tệp phiên bản. Lần sao lưu tới sẽ lập lại danh sách theo thứ tự tên tệp.
finding-rejected = Danh sách phiên bản trong { $folder } ghi “{ $file }”, đây không phải tệp sao lưu của thư mục này; mục này bị bỏ qua và không có gì bị đọc hay thay đổi qua nó. Hãy kiểm tra ai đã thay đổi thư mục sao lưu.
finding-duplicate = Danh sách phiên bản ghi { $file } { $count } lần (có lẽ hai bản của danh sách đã bị chương trình đồng bộ gộp lại). Không cần làm gì.
finding-not-a-file = Phiên bản { $file } là một thư mục, liên kết hoặc tệp đặc biệt chứ không phải tệp sao lưu, nên không được đọc. Hãy xóa nó; lần sửa chữa sẽ chép lại tệp thật từ bản sao thứ hai nếu có.
finding-clock-set-back = Phiên bản { $file } được tạo sau { $after } nhưng mang thời gian sớm hơn: đồng hồ máy tính đã bị chỉnh lùi. Không mất gì; hãy kiểm tra cài đặt ngày giờ.
finding-missing = Phiên bản { $file } bị thiếu trong thư mục sao lưu. Bản sao thứ hai có thể vẫn còn giữ nó; hãy sao lưu mới cho chắc chắn.
finding-size-mismatch = Phiên bản { $file } có { $actual } byte thay vì { $expected }: nó đã bị thay đổi hoặc bị cắt cụt. Đừng khôi phục nó; hãy dùng phiên bản khác.
finding-hash-mismatch = Phiên bản { $file } không còn khớp với mã kiểm tra: nội dung của nó đã bị thay đổi trên đĩa. Đừng khôi phục nó; hãy dùng phiên bản khác và kiểm tra ổ sao lưu.
finding-unreadable-file = Không đọc được phiên bản { $file } ({ $reason }). Hãy kiểm tra ổ sao lưu.
finding-damaged = Phiên bản mới nhất { $file } là của một sổ tính đã bị hỏng từ lúc được sao chép. Hãy sửa hoặc thay sổ tính; các phiên bản cũ hơn có thể vẫn tốt.
finding-not-checked = Không kiểm tra được phiên bản mới nhất { $file } có bị hỏng không, dù nội dung đã được xác minh. Hãy cập nhật Sheetsafe và kiểm tra lại.
finding-unlisted = Tệp { $file } nằm trong thư mục sao lưu nhưng không có trong danh sách phiên bản (có lẽ do một lần sao lưu bị gián đoạn). Lần sao lưu tới sẽ nhận nó nếu đó là một phiên bản.
finding-leftover = Tệp tạm { $file } còn sót lại từ một lần sao lưu bị gián đoạn; lần sao lưu tới sẽ xóa nó.
finding-sums-out-of-date = Danh sách mã kiểm tra { $file } bị thiếu hoặc đã cũ; lần sao lưu tới sẽ ghi lại.
sealed-unreachable = Không đọc được thư mục sao lưu mã hóa { $file }. Hãy cắm ổ đĩa hoặc kết nối thư mục chia sẻ, hoặc kiểm tra xem thư mục còn tồn tại không.
sealed-sums-missing = Danh sách mã kiểm tra { $file } bị thiếu hoặc trống dù thư mục có các bản sao lưu mã hóa; lần sao lưu tới sẽ ghi lại.
sealed-key-missing = Tệp khóa { $file } bị thiếu: cụm mật khẩu không mở được các bản sao lưu cho đến khi tệp được chép lại từ bản sao thứ hai (tờ khôi phục vẫn mở được).
sealed-not-ours = Danh sách mã kiểm tra { $file } ghi một tệp không thuộc thư mục sao lưu mã hóa; tệp đó không được kiểm tra. Hãy kiểm tra ai đã thay đổi thư mục.
sealed-not-a-file = Bản sao lưu mã hóa { $file } là thư mục, liên kết hoặc tệp đặc biệt nên không được đọc. Hãy chép lại tệp thật từ bản sao thứ hai.
sealed-missing = Bản sao lưu mã hóa { $file } bị thiếu. Hãy chép lại từ bản sao thứ hai của thư mục sao lưu.
sealed-damaged = Bản sao lưu mã hóa { $file } bị hỏng hoặc đã bị thay đổi. Hãy chép lại từ bản sao thứ hai.
sealed-unreadable = Không đọc được bản sao lưu mã hóa { $file } ({ $reason }). Hãy kiểm tra ổ sao lưu.
sealed-leftover = Tệp tạm { $file } còn sót lại từ một lần sao lưu bị gián đoạn; lần sao lưu tới sẽ xóa nó.
sealed-unlisted = Tệp { $file } không có trong danh sách mã kiểm tra (do một lần sao lưu bị gián đoạn, hoặc do người khác đặt vào).

# Lỗi của thư mục sao lưu, thư mục mã hóa và bản sao thứ hai, như ứng dụng hiển thị.
store-unreachable = Không thể truy cập thư mục sao lưu { $folder } ({ $reason }). Hãy cắm ổ đĩa hoặc kết nối lại thư mục mạng, hoặc chọn thư mục sao lưu khác.
store-read-only = Thư mục sao lưu { $folder } chỉ cho phép đọc. Hãy cho phép ghi vào đó, hoặc chọn thư mục sao lưu khác.
store-full = Thư mục sao lưu { $folder } đã đầy. Hãy giải phóng dung lượng ở đó, hoặc giữ ít phiên bản hơn, rồi thử lại.
store-write = Không thể ghi { $file }: { $reason }.
store-read = Không thể đọc { $file }: { $reason }.
store-catalog-damaged = Danh sách phiên bản { $file } bị hỏng ở dòng { $line }. Các tệp phiên bản vẫn nguyên vẹn; hãy chép lại catalog.toml từ bản sao thứ hai.
store-newer-format = { $file } do một phiên bản Sheetsafe mới hơn ghi, nên không bị đụng đến. Hãy cập nhật Sheetsafe để dùng thư mục sao lưu này.
store-not-a-file = { $file } là một thư mục, một liên kết hoặc một tệp đặc biệt, không phải tệp thường. Sheetsafe không bao giờ đi theo liên kết trong thư mục sao lưu: hãy xóa nó, và chép lại tệp thật từ bản sao thứ hai nếu có.
store-busy = Thư mục sao lưu { $folder } đang bận: một Sheetsafe khác đang thay đổi nó. Hãy thử lại khi việc đó xong.
sealed-error-key-missing = Tệp khóa { $file } bị thiếu, nên mật khẩu không mở được các bản sao lưu này. Hãy chép lại từ một bản sao của thư mục sao lưu, hoặc dùng tờ khôi phục.
sealed-error-wrong-passphrase = Mật khẩu không mở được { $file }. Hãy nhập lại (chữ hoa và chữ thường khác nhau), hoặc dùng tờ khôi phục.
sealed-error-key-damaged = { $file } không phải tệp khóa của Sheetsafe, hoặc đã bị hỏng. Hãy chép lại từ một bản sao của thư mục sao lưu, hoặc dùng tờ khôi phục.
sealed-error-not-an-identity = { $file } không chứa khóa bí mật (AGE-SECRET-KEY-1…). Hãy chọn tờ khôi phục của hồ sơ này.
sealed-error-not-for-this-key = Khóa đã cho không mở được { $file }: nó thuộc về hồ sơ khác, hoặc tệp đã bị thay thế. Hãy dùng mật khẩu hoặc tờ khôi phục của hồ sơ này.
sealed-error-catalog-damaged = Danh sách phiên bản được mã hóa { $file } bị hỏng hoặc đã bị thay đổi. Không có gì được ghi; hãy chép lại từ bản sao thứ hai của thư mục sao lưu.
sealed-error-catalog-missing = Danh sách phiên bản được mã hóa { $file } bị thiếu dù thư mục có bản sao lưu. Không có gì được ghi; hãy chép lại từ bản sao thứ hai của thư mục sao lưu.
sealed-error-version-damaged = Bản sao lưu mã hóa { $file } bị hỏng hoặc đã bị thay đổi, nên không được khôi phục. Hãy chọn phiên bản khác, hoặc chép lại tệp từ bản sao thứ hai.
sealed-error-version-swapped = Bản sao lưu mã hóa { $file } chứa dữ liệu khác với danh sách ghi nhận (một tệp đã bị tráo), nên không được khôi phục. Hãy chọn phiên bản khác, hoặc chép lại tệp từ bản sao thứ hai.
sealed-error-device-key-missing = Khóa của máy này cho hồ sơ riêng tư ({ $file }) bị thiếu hoặc không khớp, nên không thể ghi nhận bản sao lưu. Hãy xóa hồ sơ và thêm lại với mật khẩu của nó.
sealed-error-kind-mismatch = { $file } chứa bản sao lưu thường, nhưng hồ sơ là riêng tư (hoặc ngược lại). Không có gì được ghi; hãy chọn một thư mục trống cho hồ sơ.
sealed-error-recipients-invalid = Khóa công khai của hồ sơ riêng tư trong phần cài đặt bị thiếu hoặc hỏng. Hãy xóa hồ sơ và thêm lại với mật khẩu của nó.
copy-stop-absent = Thư mục { $folder } cho bản sao thứ hai không có ở đó (ổ đĩa đã rút ra hoặc thư mục mạng ngoại tuyến). Việc sao chép sẽ chạy ngay khi nó trở lại.
copy-stop-vanished = Thư mục { $folder } biến mất trong lúc sao chép (ổ đĩa đã rút ra hoặc thư mục mạng ngoại tuyến). Những gì đã chép là trọn vẹn; phần còn lại sẽ tiếp tục ngay khi nó trở lại.
copy-stop-read-back = Bản sao { $file } khi đọc lại khác với dữ liệu đã ghi, nên đã bị bỏ đi. Ổ đĩa có thể đang hỏng: hãy kiểm tra nó, hoặc chọn nơi khác cho bản sao thứ hai.
copy-stop-unknown-destination = Hồ sơ { $profile } không có bản sao thứ hai nào tên là { $destination }. Hãy mở cài đặt của hồ sơ để xem các bản sao thứ hai.
copy-stop-cancelled = Việc sao chép tới { $folder } đã bị hủy. Các phiên bản đã chép trước đó là trọn vẹn; phần còn lại sẽ được chép lần sau.
copy-stop-source-missing = Bản sao lưu mã hóa { $file } bị thiếu trong thư mục sao lưu chính, nên bản sao thứ hai giữ nguyên trạng thái cũ. Hãy bấm "Kiểm tra" để kiểm tra hồ sơ; bản sao thứ hai có thể vẫn còn tệp đó.
copy-stop-source-damaged = Bản sao lưu mã hóa { $file } trong thư mục sao lưu chính bị hỏng, nên bản sao thứ hai giữ nguyên trạng thái cũ. Hãy bấm "Kiểm tra" để kiểm tra hồ sơ; bản sao thứ hai có thể vẫn còn bản tốt.
copy-stop-sums-invalid = Danh sách mã kiểm tra { $file } ghi một tệp không thuộc về nơi đó, nên không có gì được chép. Hãy xem ai đã thay đổi thư mục sao lưu, rồi sao lưu một lần để ghi lại danh sách.
copy-stop-sums-stale = Danh sách mã kiểm tra { $file } không khớp với danh sách phiên bản bên cạnh (một lần sao lưu bị gián đoạn), nên không có gì được chép. Lần sao lưu tới sẽ ghi lại cả hai, và việc sao chép sẽ theo sau.
copy-stop-source-busy = Thư mục sao lưu chính { $folder } liên tục thay đổi trong lúc sao chép. Những gì đã chép được giữ lại; việc sao chép sẽ chạy lại khi có dịp.
copy-stop-secret = Không đọc được mã bí mật của nơi lưu trữ công ty { $destination } từ { $file }. Hãy xóa bản sao thứ hai này rồi thêm lại cùng mã bí mật.
copy-stop-secret-store = Mã bí mật của nơi lưu trữ công ty { $destination } được giữ trong { $store }, nhưng nơi này không trả lại mã. Hãy mở khóa bằng cách đăng nhập vào màn hình máy tính, hoặc xóa bản sao thứ hai này rồi thêm lại cùng mã bí mật.
copy-stop-no-company-storage = Bản Sheetsafe này được cài không kèm lưu trữ công ty, nên không thể tạo bản sao thứ hai { $destination } ở đây. Hãy cài bản Sheetsafe đầy đủ.
copy-note-nothing-yet = Chưa có gì để chép tới { $destination }: hãy sao lưu { $profile } lần đầu.
copy-note-source-missing = Phiên bản { $file } bị thiếu trong thư mục sao lưu chính, nên không được chép. Hãy bấm "Kiểm tra" để kiểm tra hồ sơ; bản sao thứ hai có thể vẫn còn nó.
copy-note-source-unreadable = Không đọc được phiên bản { $file } ({ $reason }), nên nó không được chép. Hãy kiểm tra ổ sao lưu chính.
copy-note-source-changed = Phiên bản { $file } trong thư mục sao lưu chính không còn khớp với mã kiểm tra, nên không được chép. Hãy bấm "Kiểm tra" để kiểm tra hồ sơ; bản sao thứ hai có thể vẫn còn bản tốt.
copy-note-old-copy-not-deleted = Bản sao cũ { $file } không còn trong danh sách nhưng không xóa được ({ $reason }). Hãy tự xóa nó, hoặc lần sao chép tới sẽ thử lại.
copy-note-key-not-copied = Tệp khóa { $file } trong thư mục sao lưu chính có vẻ bị hỏng, nên không được chép đè lên tệp tốt ở { $kept }. Hãy chép lại từ đó, hoặc dùng tờ khôi phục.
diff-error-read = Không đọc được phiên bản { $file } để so sánh (chi tiết có trong nhật ký). Hãy mở nó để xem, hoặc so sánh các phiên bản khác.
diff-error-internal = Việc so sánh các phiên bản thất bại do lỗi trong bộ đọc của Sheetsafe (chi tiết có trong nhật ký); bản thân các phiên bản không bị ảnh hưởng.
diff-error-too-large = { $file } lớn hơn mức Sheetsafe đọc được, nên không được so sánh. Hãy mở nó trong Excel hoặc LibreOffice để xem nội dung.
backup-error-missing = Không tìm thấy sổ tính { $file }. Nếu nó nằm trên ổ đĩa rời hoặc ổ mạng, hãy kết nối ổ đó; nếu nó đã được di chuyển, hãy sửa hồ sơ theo vị trí mới.
backup-error-unreadable = Không đọc được sổ tính { $file } ({ $reason }). Nếu nó đang mở trong một chương trình khóa nó, hãy đóng lại rồi sao lưu lần nữa.
backup-error-kept-changing = Sổ tính { $file } liên tục thay đổi trong lúc được sao chép, nên bản sao không được giữ. Nó sẽ được sao lưu khi không còn thay đổi; nếu việc này lặp lại, hãy đóng chương trình đang ghi vào nó.
backup-error-read-back = Bản sao của { $file } khi đọc lại khác với dữ liệu đã ghi, nên đã bị bỏ đi. Ổ sao lưu có thể đang hỏng: hãy kiểm tra nó, hoặc chọn thư mục sao lưu khác.
backup-error-not-a-file = { $file } không phải là tệp sổ tính (mà là thư mục, thiết bị hoặc đường ống), nên không thể sao lưu. Hãy sửa hồ sơ để nó chỉ đúng tệp sổ tính.
backup-error-cancelled = Việc sao lưu { $file } đã bị hủy: không có gì được giữ, và các phiên bản trước vẫn như cũ.
restore-error-no-such-version = Phiên bản đó không có trong thư mục sao lưu. Hãy chọn một phiên bản trong danh sách.
restore-error-which-workbook = Hồ sơ { $profile } có nhiều sổ tính ({ $names }). Hãy chọn một trong số đó.
restore-error-version-damaged = Bản sao lưu { $file } bị hỏng (không còn khớp với mã kiểm tra), nên không được khôi phục. Hãy chọn phiên bản khác; nút "Kiểm tra" cho biết các bản còn tốt.
restore-error-target-exists = { $file } đã tồn tại và không bị đụng đến. Hãy chọn tên tệp khác.
restore-error-workbook-open = Sổ tính { $file } đang mở trong { $application } (tệp khóa { $lock } đang tồn tại). Hãy đóng nó ở đó trước rồi khôi phục; nếu không có chương trình nào đang mở nó, hãy xóa tệp khóa đó.
restore-error-version-missing = Bản sao lưu { $file } bị thiếu trong thư mục sao lưu, nên không được khôi phục. Hãy chọn phiên bản khác, hoặc bấm "Kiểm tra" để chép lại từ bản sao thứ hai nếu có.
restore-error-not-a-file = { $file } không phải là tệp sổ tính (mà là thư mục, thiết bị hoặc đường ống), nên không có gì được khôi phục đè lên nó. Hãy lưu phiên bản thành một tệp mới.
restore-error-busy = Một lần khôi phục khác vào { $folder } đang chạy. Hãy chờ nó xong rồi thử lại.
restore-error-write = Không thể ghi { $file } ({ $reason }). Không có gì ở đó bị thay đổi.
restore-error-needs-key = Hồ sơ { $profile } là riêng tư: khôi phục cần mật khẩu hoặc tờ khôi phục. Hãy mở lịch sử của nó và nhập mật khẩu.
restore-error-cancelled = Việc khôi phục { $file } đã bị hủy: không có gì được ghi, và sổ tính vẫn như cũ.
config-error-read = Không thể đọc tệp cài đặt { $file } ({ $reason }). Hãy kiểm tra tệp vẫn còn đó và đọc được, rồi mở lại Sheetsafe.
config-error-syntax = Tệp cài đặt { $file } có lỗi ở dòng { $line }, cột { $column }: { $detail }. Hãy sửa dòng đó bằng trình soạn thảo văn bản, hoặc chuyển tệp đi nơi khác để bắt đầu lại.
config-error-write = Không thể lưu tệp cài đặt { $file } ({ $reason }). Không có gì bị thay đổi; hãy kiểm tra thư mục của nó ghi được, rồi thử lại.
config-error-profile-name = Tên hồ sơ { $name } { $problem ->
    [empty] đang để trống
    [too-long] quá dài (tối đa 64 ký tự)
    [forbidden-character] chứa một trong các ký tự < > : " / \ | ? * mà tên thư mục không được có
    [control-character] chứa ký tự tab hoặc xuống dòng
    [dot-or-space-at-edge] bắt đầu bằng dấu chấm, hoặc kết thúc bằng dấu chấm hay dấu cách
    [surrounding-space] bắt đầu hoặc kết thúc bằng dấu cách
   *[device-name] là tên mà Windows dành riêng cho thiết bị
}. Tên hồ sơ trở thành tên thư mục: hãy chọn một tên đơn giản như "Bán hàng".
config-error-profile-name-in-file = Tệp cài đặt { $file } có một hồ sơ tên { $name }, và tên này { $problem ->
    [empty] đang để trống
    [too-long] quá dài (tối đa 64 ký tự)
    [forbidden-character] chứa một trong các ký tự < > : " / \ | ? * mà tên thư mục không được có
    [control-character] chứa ký tự tab hoặc xuống dòng
    [dot-or-space-at-edge] bắt đầu bằng dấu chấm, hoặc kết thúc bằng dấu chấm hay dấu cách
    [surrounding-space] bắt đầu hoặc kết thúc bằng dấu cách
   *[device-name] là tên mà Windows dành riêng cho thiết bị
}. Hãy đổi nó thành một tên đơn giản như "Bán hàng" bằng trình soạn thảo văn bản, rồi mở lại Sheetsafe.
config-error-duplicate-profile = Đã có một hồ sơ tên { $name }. Hãy chọn tên khác, hoặc xóa hồ sơ cũ trước.
config-error-duplicate-profile-in-file = Tệp cài đặt { $file } có hai hồ sơ tên { $first } và { $second }; trên Windows và macOS chúng sẽ dùng chung một thư mục sao lưu. Hãy đổi tên một trong hai bằng trình soạn thảo văn bản, rồi mở lại Sheetsafe.
config-error-lock = Không thể khóa tệp cài đặt { $file } để thay đổi ({ $reason }). Hãy kiểm tra thư mục của nó ghi được, rồi thử lại.
config-error-unknown-profile = Không còn hồ sơ nào tên { $name } (có thể nó vừa bị xóa). Hãy đóng màn hình này để xem các hồ sơ hiện có.
config-error-no-workbook = Hồ sơ { $profile } chưa có sổ tính nào. Hãy thêm ít nhất một sổ tính.
config-error-no-backup-folder = Hồ sơ { $profile } chưa có thư mục sao lưu. Hãy chọn một thư mục.
config-error-not-a-workbook-file = { $file } không phải là tệp sổ tính. Hãy chọn chính tệp sổ tính.
config-error-duplicate-workbook = Hồ sơ { $profile } có hai sổ tính cùng tên { $name }. Các phiên bản được đặt tên theo sổ tính, nên hãy đưa sổ thứ hai vào một hồ sơ riêng.
config-error-backup-folder-holds-workbook = Thư mục sao lưu { $folder } sẽ chứa chính sổ tính { $workbook }, nên Sheetsafe sẽ sao lưu cả các bản sao lưu của chính nó. Hãy chọn một thư mục sao lưu nằm ngoài { $outside }.
config-error-destination-name = Tên bản sao thứ hai { $name } { $problem ->
    [empty] đang để trống
    [too-long] dài hơn 64 ký tự
   *[control-character] chứa ký tự tab hoặc xuống dòng
}. Hãy chọn một tên ngắn như "Ổ USB" hoặc "OneDrive".
config-error-duplicate-destination = Hồ sơ { $profile } có hai bản sao thứ hai cùng tên { $destination }. Hãy đặt cho mỗi bản một tên riêng.
config-error-destination-without-folder = Bản sao thứ hai { $destination } của hồ sơ { $profile } chưa có thư mục. Hãy chọn một thư mục.
config-error-company-storage = Nơi lưu trữ của công ty { $destination } trong hồ sơ { $profile } { $problem ->
    [not-encrypted] cần một hồ sơ riêng tư (được mã hóa), nếu không người quản lý máy chủ có thể đọc được các sổ tính. Hãy bật chế độ riêng tư cho hồ sơ trước
    [also-folder] ghi cả một thư mục lẫn một máy chủ. Hãy giữ lại một trong hai
    [address] không có địa chỉ máy chủ hợp lệ. Hãy viết theo dạng http://may-chu:3900/ten-bucket
    [no-key] chưa có khóa truy cập hoặc vùng. Hãy nhập khóa truy cập bạn được cấp
    [device] có thư mục máy tính không phải do Sheetsafe tạo. Hãy xóa nó rồi thêm lại
    [shared-folder] dùng chung một thư mục trên máy chủ với một bản sao thứ hai khác, nên mỗi bên sẽ xóa các bản sao của bên kia. Hãy xóa nó rồi thêm lại
   *[no-secret] chưa lưu mã bí mật. Hãy xóa nó rồi thêm lại cùng mã bí mật
}.
config-error-destination-in-main-folder = Bản sao thứ hai { $destination } sẽ đặt các bản sao vào { $folder }, tức là thư mục sao lưu chính { $main } hoặc bên trong nó, nên nó không phải là bản sao thứ hai. Hãy chọn một thư mục trên ổ khác hoặc trong thư mục đám mây.
config-error-destination-folder-shared = Hai bản sao thứ hai của hồ sơ { $profile } dùng cùng thư mục { $folder }. Mỗi bản sao thứ hai cần một thư mục riêng.
config-error-destination-holds-workbook = Bản sao thứ hai { $destination } sẽ đặt các bản sao vào { $folder }, chính là thư mục của sổ tính { $workbook }. Hãy chọn một thư mục trên ổ khác hoặc trong thư mục đám mây.
not-repaired-repair-off = { $file } trong { $place ->
    [main] thư mục sao lưu chính
   *[copy] bản sao thứ hai { $destination }
} bị hỏng hoặc bị thiếu, nhưng việc tự sửa đang tắt cho nơi đó, nên nó được để nguyên. Hãy kiểm tra ổ đĩa đó; các nơi khác vẫn được kiểm tra và sửa riêng.
not-repaired-no-intact-copy = { $file } trong { $place ->
    [main] thư mục sao lưu chính
   *[copy] bản sao thứ hai { $destination }
} { $damage ->
    [missing] bị thiếu
    [damaged] bị hỏng
   *[unreadable] không đọc được
}, và không nơi nào khác còn bản nguyên vẹn của nó. Nếu bạn cần phiên bản đó, hãy chọn một phiên bản khác trong Lịch sử; lần sao lưu tới sẽ tạo một bản mới.
not-repaired-failed = Không thể sửa { $file } trong { $place ->
    [main] thư mục sao lưu chính
   *[copy] bản sao thứ hai { $destination }
}: { $reason }
repair-error-source-changed = Bản nguyên vẹn { $file } cũng không còn khớp với mã kiểm tra của nó, nên đã không được dùng. Hãy kiểm tra cả ổ đĩa đó.
repair-error-read-back = Tệp vừa sửa { $file } khi đọc lại khác với những gì đã ghi. Ổ đĩa có thể đang hỏng: hãy kiểm tra nó.
keys-error-device-key-exists = Máy tính này đã có khóa cho một hồ sơ tên { $profile } ({ $file }). Hãy xóa tệp đó nếu hồ sơ không còn nữa, hoặc chọn tên khác.
keys-error-sheet-exists = Tờ khôi phục { $file } đã có sẵn và được để nguyên. Hãy chọn một tên tệp mới.
keys-error-write = Không thể ghi { $file } ({ $reason }). Hãy kiểm tra thư mục tồn tại và ghi được.
keys-error-lock = Không thể khóa khóa mới bằng mật khẩu ({ $reason }). Không có gì được lưu; hãy thử lại.
dismiss-not-dismissable = Chỉ có thể bỏ qua một phát hiện của lần kiểm tra về một tệp sao lưu.

# Lưu trữ của công ty (máy chủ S3 như Garage).
s3-error-unreachable = Không kết nối được máy chủ lưu trữ { $server }. Không mất gì: việc sao chép sẽ chạy lại khi máy chủ hoạt động trở lại; hãy kiểm tra mạng hoặc hỏi người quản lý máy chủ.
s3-error-busy = Máy chủ lưu trữ { $server } báo đang bận hoặc gặp lỗi (HTTP { $status }). Không mất gì: việc sao chép sẽ chạy lại sau; nếu lỗi cứ lặp lại, hãy hỏi người quản lý máy chủ.
s3-error-bad-address = { $address } không phải là địa chỉ của máy chủ lưu trữ. Hãy viết theo dạng http://may-chu:3900/ten-bucket.
s3-error-unknown-key = Máy chủ lưu trữ { $server } không biết khóa truy cập { $key }. Hãy kiểm tra lại khóa, hoặc xin người quản lý máy chủ một khóa mới.
s3-error-wrong-secret = Máy chủ lưu trữ { $server } từ chối mã bí mật của khóa truy cập { $key }. Hãy nhập lại mã bí mật đúng như bạn được cấp.
s3-error-clock = Máy chủ lưu trữ { $server } từ chối yêu cầu vì đồng hồ của máy tính này { $unit ->
        [unknown] bị sai
        [days] { $direction ->
                 [ahead] nhanh
                *[behind] chậm
            } { $amount } ngày
        [hours] { $direction ->
                 [ahead] nhanh
                *[behind] chậm
            } { $amount } giờ
       *[minutes] { $direction ->
                 [ahead] nhanh
                *[behind] chậm
            } { $amount } phút
    }. Hãy chỉnh lại giờ (bật giờ tự động) rồi thử lại.
s3-error-denied = Khóa truy cập { $key } không được phép dùng bucket { $bucket } trên { $server }. Hãy kiểm tra tên bucket, hoặc nhờ người quản lý máy chủ cấp quyền cho khóa này.
s3-error-no-bucket = Bucket { $bucket } không tồn tại trên { $server }. Hãy kiểm tra tên, hoặc nhờ người quản lý máy chủ tạo nó.
s3-error-quota = Bucket { $bucket } đã đầy nên không lưu thêm được gì. Hãy xin người quản lý máy chủ thêm dung lượng, hoặc giữ ít phiên bản hơn.
s3-error-checksum = Máy chủ từ chối { $object } vì dữ liệu không khớp với mã kiểm tra. Không có gì hỏng được lưu; hãy kiểm tra các bản sao lưu của hồ sơ.
s3-error-not-confirmed = Không xác nhận được { $object } sau khi tải lên. Việc sao chép sẽ chạy lại vào lần tới; nếu cứ lặp lại, hãy nhờ người quản lý máy chủ kiểm tra.
s3-error-no-object = { $object } không có trong bucket.
s3-error-refused = Máy chủ { $server } trả lời không giống một máy chủ lưu trữ (HTTP { $status }). Hãy kiểm tra địa chỉ, hoặc hỏi người quản lý máy chủ.
s3-error-garbled = Máy chủ { $server } trả lời không giống một máy chủ lưu trữ. Hãy kiểm tra địa chỉ có trỏ đúng cổng lưu trữ không (3900 với Garage).
s3-error-local = Không đọc hoặc ghi được { $file }: { $reason }.
s3-error-cancelled = Việc truyền dữ liệu đã bị hủy; những gì đã được xác nhận trước đó vẫn được giữ.
