; risky mode (the default): math calls from the table and divisions are
; checked, with nnan/ninf dropped; other arithmetic is left alone.
; RUN: %opt -load-pass-plugin=%nanguard_pass -passes=nanguard -S %s | FileCheck %s
; RUN: %opt -load-pass-plugin=%nanguard_pass -passes=nanguard -nanguard-mode=risky -S %s | FileCheck %s
; RUN: %opt -load-pass-plugin=%nanguard_pass -passes='nanguard<risky>' -S %s | FileCheck %s

target triple = "x86_64-unknown-linux-gnu"

declare float @logf(float)
declare double @llvm.exp.f64(double)
declare double @pow(double, double)
declare float @fabsf(float)

; The path with its directory: the compile did not run in /src.
; CHECK: @[[FILE:__nanguard_str[.0-9]*]] = private unnamed_addr constant [14 x i8] c"/src/loss.cpp\00"
; CHECK: @[[SITE:__nanguard_site[.0-9]*]] = private global { ptr, ptr, ptr, ptr, i32, i32, i8, i8, i8, i8, i32, ptr } { ptr @[[FILE]], ptr @{{.*}}, ptr @{{.*}}, ptr @{{.*}}, i32 42, i32 17, i8 0, i8 2, i8 1, i8 0, i32 0, ptr null }, align 8

define float @log_call(float %p) !dbg !5 {
; CHECK-LABEL: define float @log_call(
; CHECK: %r = call float @logf(float %p)
; CHECK-NEXT: %[[RB:[0-9]+]] = bitcast float %r to i32
; CHECK-NEXT: %[[RE:[0-9]+]] = and i32 %[[RB]], 2139095040
; CHECK-NEXT: %[[RNF:[0-9]+]] = icmp eq i32 %[[RE]], 2139095040
; CHECK-NEXT: %[[PB:[0-9]+]] = bitcast float %p to i32
; CHECK-NEXT: %[[PE:[0-9]+]] = and i32 %[[PB]], 2139095040
; CHECK-NEXT: %[[PNF:[0-9]+]] = icmp eq i32 %[[PE]], 2139095040
; CHECK-NEXT: %[[PF:[0-9]+]] = xor i1 %[[PNF]], true
; CHECK-NEXT: %[[O:[0-9]+]] = and i1 %[[RNF]], %[[PF]]
; CHECK-NEXT: br i1 %[[O]], label %[[COLD:[0-9]+]], label %[[CONT:[0-9]+]], !prof ![[UNLIKELY:[0-9]+]]
; CHECK: [[COLD]]:
; CHECK-NEXT: %[[R64:[0-9]+]] = fpext float %r to double
; CHECK-NEXT: %[[P64:[0-9]+]] = fpext float %p to double
; CHECK-NEXT: call void @__nanguard_report(ptr @[[SITE]], i32 0, double %[[R64]], double %[[P64]], double 0.000000e+00)
; CHECK-NEXT: br label %[[CONT]]
  %r = call nnan ninf float @logf(float %p), !dbg !8
  ret float %r
}

define double @division(double %a, double %b) {
; CHECK-LABEL: define double @division(
; CHECK: %q = fdiv reassoc nsz arcp contract afn double %a, %b
; CHECK-NEXT: bitcast double %q to i64
; CHECK-NEXT: and i64 %{{.*}}, 9218868437227405312
; CHECK: call void @__nanguard_report(ptr @{{.*}}, i32 0, double %q, double %a, double %b)
  %q = fdiv fast double %a, %b
  ret double %q
}

define double @intrinsic_and_pow(double %x, double %y) {
; CHECK-LABEL: define double @intrinsic_and_pow(
; CHECK: %e = call double @llvm.exp.f64(double %x)
; CHECK: call void @__nanguard_report(ptr {{.*}}, double %e, double %x, double 0.000000e+00)
; CHECK: %p = call double @pow(double %e, double %y)
; CHECK: call void @__nanguard_report(ptr {{.*}}, double %p, double %e, double %y)
  %e = call ninf double @llvm.exp.f64(double %x)
  %p = call double @pow(double %e, double %y)
  ret double %p
}

; Nothing risky: the function is unchanged.
define float @nothing_risky(float %a, float %b) {
; CHECK-LABEL: define float @nothing_risky(
; CHECK-NEXT: %s = fadd float %a, %b
; CHECK-NEXT: %m = fmul float %s, %a
; CHECK-NEXT: %f = call float @fabsf(float %m)
; CHECK-NEXT: %t = fptrunc double 1.000000e+00 to float
; CHECK-NEXT: ret float %f
  %s = fadd float %a, %b
  %m = fmul float %s, %a
  %f = call float @fabsf(float %m)
  %t = fptrunc double 1.0 to float
  ret float %f
}

; CHECK: declare void @__nanguard_report(ptr, i32, double, double, double) #[[COLDATTR:[0-9]+]]
; CHECK: attributes #[[COLDATTR]] = { cold noinline }
; CHECK: ![[UNLIKELY]] = !{!"branch_weights", i32 1, i32 1048575}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3, !4}
!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus_14, file: !1, producer: "clang", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "loss.cpp", directory: "/src")
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 7, !"Dwarf Version", i32 5}
!5 = distinct !DISubprogram(name: "log_call", scope: !1, file: !1, line: 40, type: !6, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{}
!8 = !DILocation(line: 42, column: 17, scope: !5)
