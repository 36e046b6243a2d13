// Fortran-ABI prototypes of the LAPACK and BLAS routines PanelStats calls.
//
// Declared here rather than taken from lapacke.h/cblas.h so the same build links against
// Debian's reference liblapack/libblas and, through Debian's alternatives, OpenBLAS's
// drop-in liblapack.so.3/libblas.so.3: both export these Fortran symbols.
//
// Every argument is passed by pointer (Fortran convention). Character arguments carry a
// hidden trailing length argument (gfortran passes it as size_t); we declare and pass it,
// because omitting it is undefined behaviour with gfortran >= 9 callee-side optimisations.
#ifndef PANELSTATS_CLAPACK_SHIM_H
#define PANELSTATS_CLAPACK_SHIM_H

#include <stddef.h>

typedef int lapack_int;

// ---- BLAS level 3 ----
void dgemm_(const char *transa, const char *transb, const lapack_int *m, const lapack_int *n,
            const lapack_int *k, const double *alpha, const double *a, const lapack_int *lda,
            const double *b, const lapack_int *ldb, const double *beta, double *c,
            const lapack_int *ldc, size_t transa_len, size_t transb_len);

void dsyrk_(const char *uplo, const char *trans, const lapack_int *n, const lapack_int *k,
            const double *alpha, const double *a, const lapack_int *lda, const double *beta,
            double *c, const lapack_int *ldc, size_t uplo_len, size_t trans_len);

void dtrsm_(const char *side, const char *uplo, const char *transa, const char *diag,
            const lapack_int *m, const lapack_int *n, const double *alpha, const double *a,
            const lapack_int *lda, double *b, const lapack_int *ldb, size_t side_len,
            size_t uplo_len, size_t transa_len, size_t diag_len);

// ---- BLAS level 2 ----
void dgemv_(const char *trans, const lapack_int *m, const lapack_int *n, const double *alpha,
            const double *a, const lapack_int *lda, const double *x, const lapack_int *incx,
            const double *beta, double *y, const lapack_int *incy, size_t trans_len);

// ---- LAPACK ----
void dgeqp3_(const lapack_int *m, const lapack_int *n, double *a, const lapack_int *lda,
             lapack_int *jpvt, double *tau, double *work, const lapack_int *lwork,
             lapack_int *info);

void dgeqrf_(const lapack_int *m, const lapack_int *n, double *a, const lapack_int *lda,
             double *tau, double *work, const lapack_int *lwork, lapack_int *info);

void dormqr_(const char *side, const char *trans, const lapack_int *m, const lapack_int *n,
             const lapack_int *k, const double *a, const lapack_int *lda, const double *tau,
             double *c, const lapack_int *ldc, double *work, const lapack_int *lwork,
             lapack_int *info, size_t side_len, size_t trans_len);

void dorgqr_(const lapack_int *m, const lapack_int *n, const lapack_int *k, double *a,
             const lapack_int *lda, const double *tau, double *work, const lapack_int *lwork,
             lapack_int *info);

void dtrtrs_(const char *uplo, const char *trans, const char *diag, const lapack_int *n,
             const lapack_int *nrhs, const double *a, const lapack_int *lda, double *b,
             const lapack_int *ldb, lapack_int *info, size_t uplo_len, size_t trans_len,
             size_t diag_len);

void dtrtri_(const char *uplo, const char *diag, const lapack_int *n, double *a,
             const lapack_int *lda, lapack_int *info, size_t uplo_len, size_t diag_len);

void dpotrf_(const char *uplo, const lapack_int *n, double *a, const lapack_int *lda,
             lapack_int *info, size_t uplo_len);

void dpotri_(const char *uplo, const lapack_int *n, double *a, const lapack_int *lda,
             lapack_int *info, size_t uplo_len);

void dpotrs_(const char *uplo, const lapack_int *n, const lapack_int *nrhs, const double *a,
             const lapack_int *lda, double *b, const lapack_int *ldb, lapack_int *info,
             size_t uplo_len);

void dsyevd_(const char *jobz, const char *uplo, const lapack_int *n, double *a,
             const lapack_int *lda, double *w, double *work, const lapack_int *lwork,
             lapack_int *iwork, const lapack_int *liwork, lapack_int *info, size_t jobz_len,
             size_t uplo_len);

void dgesdd_(const char *jobz, const lapack_int *m, const lapack_int *n, double *a,
             const lapack_int *lda, double *s, double *u, const lapack_int *ldu, double *vt,
             const lapack_int *ldvt, double *work, const lapack_int *lwork, lapack_int *iwork,
             lapack_int *info, size_t jobz_len);

#endif
