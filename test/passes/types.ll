; Every floating type has its own exponent mask; long double goes to the
; long double entry point; a type the runtime cannot take is a missed remark.
; RUN: %opt -load-pass-plugin=%nanguard_pass -passes=nanguard -S %s -pass-remarks-missed=nanguard 2> %t.remarks | FileCheck %s
; RUN: FileCheck %s --check-prefix=MISSED --input-file=%t.remarks

target triple = "x86_64-unknown-linux-gnu"

define half @half_div(half %a, half %b) {
; CHECK-LABEL: define half @half_div(
; CHECK: bitcast half %q to i16
; CHECK-NEXT: and i16 %{{.*}}, 31744
; CHECK: fpext half %q to double
  %q = fdiv half %a, %b
  ret half %q
}

define bfloat @bfloat_div(bfloat %a, bfloat %b) {
; CHECK-LABEL: define bfloat @bfloat_div(
; CHECK: bitcast bfloat %q to i16
; CHECK-NEXT: and i16 %{{.*}}, 32640
  %q = fdiv bfloat %a, %b
  ret bfloat %q
}

define x86_fp80 @long_double_div(x86_fp80 %a, x86_fp80 %b) {
; CHECK-LABEL: define x86_fp80 @long_double_div(
; CHECK: bitcast x86_fp80 %q to i80
; CHECK-NEXT: and i80 %{{.*}}, 604444463063240877801472
; CHECK: call void @__nanguard_report_ld(ptr @{{.*}}, i32 0, x86_fp80 %q, x86_fp80 %a, x86_fp80 %b)
  %q = fdiv x86_fp80 %a, %b
  ret x86_fp80 %q
}

define fp128 @quad_div(fp128 %a, fp128 %b) {
; CHECK-LABEL: define fp128 @quad_div(
; CHECK-NEXT: %q = fdiv fp128 %a, %b
; CHECK-NEXT: ret fp128 %q
; MISSED: remark: <unknown>:0:0: cannot instrument division: its floating-point type is not supported
  %q = fdiv fp128 %a, %b
  ret fp128 %q
}

; CHECK: declare void @__nanguard_report_ld(ptr, i32, x86_fp80, x86_fp80, x86_fp80)
